import type { Statement } from 'better-sqlite3';
import type { ChannelLink, ConversationStore } from '../ports';
import type { SqliteDatabase } from './database';

interface LinkRow {
  district_id: string;
  channel_key: string;
  linked_by: string;
  linked_at: string;
}

const toLink = (r: LinkRow): ChannelLink => ({
  districtId: r.district_id,
  channelKey: r.channel_key,
  linkedBy: r.linked_by,
  linkedAt: r.linked_at,
});

/** Conversation references and channel links. */
export class SqliteConversationStore implements ConversationStore {
  private readonly upsert: Statement<[string, string, string]>;
  private readonly select: Statement<[string], { reference: string }>;
  private readonly remove_: Statement<[string]>;
  private readonly upsertLink: Statement<[string, string, string, string]>;
  private readonly selectLink: Statement<[string], LinkRow>;
  private readonly selectLinks: Statement<[], LinkRow>;

  /** @param db - an open, migrated database */
  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO conversation_refs (key, reference, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.select = db.prepare('SELECT reference FROM conversation_refs WHERE key = ?');
    this.remove_ = db.prepare('DELETE FROM conversation_refs WHERE key = ?');
    this.upsertLink = db.prepare(
      `INSERT INTO channel_links (district_id, channel_key, linked_by, linked_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(district_id) DO UPDATE SET channel_key = excluded.channel_key,
         linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
    );
    this.selectLink = db.prepare('SELECT * FROM channel_links WHERE district_id = ?');
    this.selectLinks = db.prepare('SELECT * FROM channel_links ORDER BY district_id');
  }

  /** @inheritdoc */
  async save(key: string, reference: Record<string, unknown>, at: Date): Promise<void> {
    this.upsert.run(key, JSON.stringify(reference), at.toISOString());
  }

  /** @inheritdoc */
  async get(key: string): Promise<Record<string, unknown> | undefined> {
    const row = this.select.get(key);
    return row ? (JSON.parse(row.reference) as Record<string, unknown>) : undefined;
  }

  /** @inheritdoc */
  async remove(key: string): Promise<void> {
    this.remove_.run(key);
  }

  /** @inheritdoc */
  async link(link: ChannelLink): Promise<void> {
    this.upsertLink.run(link.districtId, link.channelKey, link.linkedBy, link.linkedAt);
  }

  /** @inheritdoc */
  async linkOf(districtId: string): Promise<ChannelLink | undefined> {
    const row = this.selectLink.get(districtId);
    return row ? toLink(row) : undefined;
  }

  /** @inheritdoc */
  async links(): Promise<ChannelLink[]> {
    return this.selectLinks.all().map(toLink);
  }
}
