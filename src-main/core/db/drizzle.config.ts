import { defineConfig } from 'drizzle-kit';

// Desktop replica migrations: generated with `npm run db:generate`, committed, never edited after they land.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/core/db/schema.ts',
  out: './src-main/core/db/migrations',
});
