import { defineConfig } from 'drizzle-kit';

// Migrations of local.db (local-only state that survives a replica rebuild): generated with `npm run db:generate`,
// committed, never edited after they land.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/core/db/schema-local.ts',
  out: './src-main/core/db/migrations-local',
});
