import * as Accounts from '../accounts/accounts.ts';
import * as Sessions from '../accounts/sessions.ts';
import * as Notices from '../crosscheck/notices.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import * as Notifications from '../discussion/notifications.ts';
import * as Visits from '../discussion/visits.ts';
import * as Votes from '../discussion/votes.ts';
import { invalidInput } from '../input-error.ts';
import * as Flags from '../moderation/flags.ts';

/**
 * Deletes an account at its owner's request, as /settings states up front: comments stay (their
 * text too) with "[deleted]" as author; votes and flags are withdrawn and the counts they raised
 * come down; every session ends; inbox, watches and reading history go; the name stays taken and
 * can never log in again. All in one transaction, so a refusal (the last admin) changes nothing.
 */
export async function deleteAccount(
  db: Db,
  input: { userId: number; typedName: string; password: string; now: Date },
): Promise<void> {
  const user = await Accounts.confirmPassword(db, input.userId, input.password);
  if (input.typedName.trim().toLowerCase() !== user.username.toLowerCase()) {
    throw invalidInput(`Type your username, ${user.username}, to confirm.`);
  }
  await inTransaction(db, async (tx) => {
    await Accounts.markDeleted(tx, user.userId, input.now);
    await Votes.withdrawAllBy(tx, user.userId);
    await Flags.withdrawAllBy(tx, user.userId);
    await Notifications.forgetRecipient(tx, user.userId);
    await Notices.forgetUser(tx, user.userId);
    await Visits.forgetUser(tx, user.userId);
    await Sessions.endAll(tx, user.userId);
  });
}
