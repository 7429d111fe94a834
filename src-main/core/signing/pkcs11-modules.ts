/**
 * Where PKCS#11 token drivers live on each OS. Vietnamese agencies use tokens from the government CA (VGCA)
 * and commercial CAs (VNPT-CA, Viettel-CA, BKAV, FPT, CA2…); real clients probe a list of known driver names
 * and let the user point to a module file (DOMAIN.md "Tokens and CAs").
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Driver file names met in the field on Windows (looked up in System32 and SysWOW64). */
export const WINDOWS_MODULE_NAMES = [
  'eps2003csp11.dll',
  'eps2003csp11v2.dll',
  'eTPKCS11.dll',
  'vnpt-ca_csp11.dll',
  'vnptca_p11_v6.dll',
  'vnptca_p11_v7.dll',
  'vnptca_p11_v8.dll',
  'vnptca_p11_v9.dll',
  'vnptca_p11_v10.dll',
  'viettel-ca_v1.dll',
  'viettel-ca_v2.dll',
  'viettel-ca_v3.dll',
  'viettel-ca_v4.dll',
  'viettel-ca_v5.dll',
  'viettel-ca_v6.dll',
  'BkavCA.dll',
  'fpt-ca.dll',
  'CA2_csp11.dll',
  'ShuttleCsp11_3003.dll',
] as const;

/** The Linux and macOS builds of the same vendors' drivers, plus OpenSC and SoftHSM2 (tests, admins). */
export const LINUX_MODULE_PATHS = [
  '/usr/lib/libeTPkcs11.so',
  '/usr/lib/libshuttle_p11v220.so',
  '/usr/lib/libcastle_v2.so.1.0.0',
  '/usr/lib/x86_64-linux-gnu/libeps2003-csp11.so',
  '/usr/lib/libeps2003csp11.so',
  '/usr/lib/vnptca/libvnptca_p11.so',
  '/usr/lib/viettel-ca/libviettel-ca.so',
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/softhsm/libsofthsm2.so',
] as const;

export const MACOS_MODULE_PATHS = [
  '/usr/local/lib/libeTPkcs11.dylib',
  '/usr/local/lib/libcastle.1.0.0.dylib',
  '/usr/local/lib/libeps2003csp11.dylib',
  '/Library/OpenSC/lib/opensc-pkcs11.so',
] as const;

export type ModuleSearch = {
  platform: NodeJS.Platform;
  /** A module file the user picked in settings; tried first. */
  userPath?: string;
  /** Windows system folder, e.g. C:\Windows (from %SystemRoot%). */
  systemRoot?: string;
  exists?: (path: string) => boolean;
};

/** Every candidate module path for this OS, user's choice first, without checking the disk. */
export function candidateModulePaths(search: ModuleSearch): string[] {
  const out: string[] = [];
  if (search.userPath) out.push(search.userPath);
  if (search.platform === 'win32') {
    const root = search.systemRoot ?? 'C:\\Windows';
    for (const dir of ['System32', 'SysWOW64']) {
      for (const name of WINDOWS_MODULE_NAMES) out.push(join(root, dir, name).replaceAll('/', '\\'));
    }
  } else if (search.platform === 'darwin') {
    out.push(...MACOS_MODULE_PATHS);
  } else {
    out.push(...LINUX_MODULE_PATHS);
  }
  return [...new Set(out)];
}

/** The candidate modules that exist on this machine. A relative user path is refused (DLL search-order hijack). */
export function findPkcs11Modules(search: ModuleSearch): string[] {
  const exists = search.exists ?? existsSync;
  return candidateModulePaths(search).filter((p) => (isAbsolute(p) || /^[A-Za-z]:\\/.test(p)) && exists(p));
}
