/**
 * Versioned schema migrations of the embedded store, applied in order at start-up.
 * Append new migrations; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** All migrations, in version order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot-state',
    sql: `
      CREATE TABLE bot_state (
        key        TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];
