import { isValidIdNumber, isValidMobile, maskIdNumber, maskMobile, normalizeIdNumber } from '@contract/identity';
import { type AuditPage, type BlockPage, type NewBlock } from '@contract/visitors.schema';
import { DomainError, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored } from '../../lib/time';
import type { Person } from '../auth';
import * as repo from './visitors.repository';

import { AUDIT_RETENTION_DAYS, bad, text, type VisitCore } from './visit-core';

/** The admin's side: the block list, the audit log, and the purge of personal data past retention. */
export function createVisitorsAdmin(core: VisitCore) {
  const { db, crypto, parking, now, audit, campusOf } = core;

  return {
    async blocks(person: Person, query: { limit?: number; cursor?: string }): Promise<BlockPage> {
      const campusId = await campusOf(person);
      const limit = query.limit ?? 20;
      const rows = await repo.listBlocks(db, campusId, decodeCursor('visit-blocks', query.cursor), limit);
      const page = pageFrom('visit-blocks', rows, limit);
      return {
        items: page.rows.map((b) => ({
          id: b.id,
          kind: b.kind,
          value: b.value_masked,
          reason: b.reason,
          by: b.by_name,
          createdAt: toInstant(b.created_at),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async block(person: Person, input: NewBlock) {
      const campusId = await campusOf(person);
      const value = input.kind === 'id' ? normalizeIdNumber(input.value) : input.value.trim();
      const valid = input.kind === 'id' ? isValidIdNumber(value) : isValidMobile(value);
      if (!valid) throw bad('BLOCK_VALUE_INVALID');
      const reason = text(input.reason);
      const id = newSortableId();
      await transactionWithRetry(db, async (trx) => {
        const added = await repo.insertBlock(trx, {
          id,
          campus_id: campusId,
          kind: input.kind,
          value_hash: crypto.hash(input.kind, value),
          value_masked: input.kind === 'id' ? maskIdNumber(value) : maskMobile(value),
          reason,
          created_by: person.id,
          created_at: toStored(now()),
        });
        if (!added) throw new DomainError('BLOCK_EXISTS', 409);
        await audit(trx, { campusId, actor: person, role: 'admin', action: 'block', visitId: null, detail: reason });
      });
      return { id };
    },

    async unblock(person: Person, id: string): Promise<void> {
      const campusId = await campusOf(person);
      await transactionWithRetry(db, async (trx) => {
        if (!(await repo.deleteBlock(trx, campusId, id))) throw notFound('BLOCK_NOT_FOUND');
        await audit(trx, { campusId, actor: person, role: 'admin', action: 'unblock', visitId: null });
      });
    },

    async auditLog(person: Person, query: { limit?: number; cursor?: string }): Promise<AuditPage> {
      const campusId = await campusOf(person);
      const limit = query.limit ?? 50;
      const rows = await repo.listAudit(db, campusId, decodeCursor('visit-audit', query.cursor), limit);
      const keyed = rows.map((r) => ({ row: r, created_at: r.at, id: r.id }));
      const page = pageFrom('visit-audit', keyed, limit);
      return {
        items: page.rows.map(({ row: a }) => ({
          id: a.id,
          at: toInstant(a.at),
          action: a.action,
          actor: a.actor_name ?? null,
          role: a.actor_role,
          visitId: a.visit_id,
          detail: a.detail,
        })),
        nextCursor: page.nextCursor,
      };
    },

    /**
     * Housekeeping: clears the personal fields of visits whose window closed more than the
     * campus's retention ago, in bounded batches (each its own transaction, with its audit row);
     * the rows stay for the statistics. Then drops audit rows past their own retention (≥183 days).
     */
    async purgeExpired(
      options: { batch?: number; maxBatches?: number } = {},
    ): Promise<{ visits: number; auditRows: number }> {
      const batch = options.batch ?? 200;
      const maxBatches = options.maxBatches ?? 50;
      const campuses = await db.selectFrom('campuses').select('id').execute();
      let purged = 0;
      for (const campus of campuses) {
        const settings = await repo.findSettings(db, campus.id);
        const cutoff = toStored(new Date(now().getTime() - settings.retention_days * 86_400_000));
        for (let i = 0; i < maxBatches; i++) {
          const n = await transactionWithRetry(db, async (trx) => {
            const purgedIds = await repo.purgeBatch(trx, campus.id, cutoff, toStored(now()), batch);
            await parking.forgetVisitorCars(trx, purgedIds);
            const cleared = purgedIds.length;
            if (cleared > 0) {
              await audit(trx, {
                campusId: campus.id,
                actor: null,
                role: 'system',
                action: 'purge',
                visitId: null,
                detail: `清除 ${cleared} 条来访的个人信息`,
              });
            }
            return cleared;
          });
          purged += n;
          if (n < batch) break;
        }
      }
      const auditCutoff = toStored(new Date(now().getTime() - AUDIT_RETENTION_DAYS * 86_400_000));
      let auditRows = 0;
      for (let i = 0; i < maxBatches; i++) {
        const n = await transactionWithRetry(db, (trx) => repo.deleteAuditBefore(trx, auditCutoff, batch));
        auditRows += n;
        if (n < batch) break;
      }
      return { visits: purged, auditRows };
    },
  };
}
