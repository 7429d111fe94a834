import { defineConfig } from 'drizzle-kit';

// Server schema migrations: `npm run db:generate`. Generated files are committed and never edited.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-server/db/schema.ts',
  out: './src-server/db/migrations',
});
