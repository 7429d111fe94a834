/** What every handler receives: the core's services, wired by hand in index.ts (the composition root). */
import type { Session } from '../../src-shared/contract/methods';
import type { Replica } from './db/open-db';
import type { AuthService } from './services/auth.service';
import type { createDirectoryService } from './services/directory.service';
import type { createFilesService } from './services/files.service';
import type { IncomingService } from './services/incoming.service';
import type { IntakeService } from './services/intake.service';
import type { createReportsService } from './services/reports.service';
import type { RoutingReportsService } from './services/routing-reports.service';
import type { OutgoingModule } from './outgoing/outgoing.module';
import type { RoutingModule } from './routing/routing.module';
import type { createRegistersService } from './services/registers.service';
import type { ScanFolderWatcher } from './intake/scan-folder.watcher';
import type { SigningService } from './signing/signing.service';
import type { SyncEngine } from './sync/sync-engine';

export type CoreContext = {
  appVersion: string;
  host: 'electron' | 'browser' | 'direct';
  dataDir: string;
  replica: Replica;
  auth: AuthService;
  incoming: IncomingService;
  intake: IntakeService;
  scanFolder: ScanFolderWatcher;
  reports: ReturnType<typeof createReportsService>;
  routingReports: RoutingReportsService;
  registers: ReturnType<typeof createRegistersService>;
  files: ReturnType<typeof createFilesService>;
  directory: ReturnType<typeof createDirectoryService>;
  sync: SyncEngine;
  signing: SigningService;
  outgoing: OutgoingModule;
  routing: RoutingModule;
  serverUrl: () => string;
  /** Only while signed out: which agency server this desktop talks to (persisted in settings.json). */
  setServerUrl: (url: string) => Session;
};
