import type { EntityManager } from 'typeorm';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import { ComplaintEventEntity } from './complaint-event.entity.js';
import { ComplaintEvidenceEntity } from './complaint-evidence.entity.js';
import type { ComplaintEntity } from './complaint.entity.js';

/** What both sides' views of a case are drawn from: its authority, timeline and evidence. */
export async function loadCaseFile(manager: EntityManager, complaint: ComplaintEntity) {
  // One after another: inside a transaction they share one connection.
  const jurisdiction = await manager.findOneByOrFail(JurisdictionEntity, {
    code: complaint.jurisdiction,
  });
  const events = await manager.find(ComplaintEventEntity, {
    where: { complaintId: complaint.id },
    order: { id: 'ASC' },
  });
  const evidence = await manager.find(ComplaintEvidenceEntity, {
    where: { complaintId: complaint.id },
    order: { addedAt: 'ASC' },
  });
  return { jurisdiction, events, evidence };
}
