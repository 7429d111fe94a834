export declare const ELECTRON_MISSING: string;
export type ElectronRuntime = { available: true; executablePath: string } | { available: false; reason: string };
export declare function findElectronRuntime(repoRoot: string): ElectronRuntime;
