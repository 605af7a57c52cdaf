import { timestamp } from 'drizzle-orm/pg-core';

/** Shared column builders so every table spells time the same way. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();
