import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_PRINCIPAL } from '../auth/principal.js';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service.js';
import { RecruiterEntity } from '../recruiters/recruiter.entity.js';
import { RecruitersService } from '../recruiters/recruiters.service.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import { syntheticRecruiter } from './synthetic.js';

/** Fictional authorities for the demo; a real deployment registers its own. */
export const DEMO_JURISDICTIONS = [
  {
    code: 'GB',
    name: 'United Kingdom',
    authority: {
      name: 'Demo Health Recruitment Licensing Authority (UK)',
      website: 'https://gb.authority.example',
      email: 'registry@gb.authority.example',
    },
  },
  {
    code: 'IE',
    name: 'Ireland',
    authority: {
      name: 'Demo Employment Agency Licensing Office (Ireland)',
      website: 'https://ie.authority.example',
    },
  },
  {
    code: 'PH',
    name: 'Philippines',
    authority: {
      name: 'Demo Overseas Employment Licensing Board (Philippines)',
      website: 'https://ph.authority.example',
      email: 'licensing@ph.authority.example',
    },
  },
  {
    code: 'DE',
    name: 'Germany',
    authority: {
      name: 'Demo-Aufsichtsstelle für Pflegepersonalvermittlung (Deutschland)',
      website: 'https://de.authority.example',
    },
  },
];

export const DEMO_RECRUITERS_PER_JURISDICTION = 80;

/**
 * Loads the demo registry through the same services a regulator uses, so every record has its
 * history and every step is in the audit chain. Does nothing when any recruiter exists.
 */
export async function seedDemoIfEmpty(db: DataSource): Promise<{ recruiters: number } | null> {
  if ((await db.getRepository(RecruiterEntity).count()) > 0) return null;
  const audit = new AuditService();
  const jurisdictions = new JurisdictionsService(db, audit);
  const recruiters = new RecruitersService(db, audit, new RegistryEvents());
  const existing = new Set((await jurisdictions.list()).map((j) => j.code));
  let count = 0;
  for (const jurisdiction of DEMO_JURISDICTIONS) {
    if (!existing.has(jurisdiction.code)) await jurisdictions.create(jurisdiction, null);
    for (let i = 1; i <= DEMO_RECRUITERS_PER_JURISDICTION; i++) {
      const r = syntheticRecruiter(jurisdiction.code, i);
      const { body } = await recruiters.register(
        {
          jurisdiction: r.jurisdiction,
          registrationNumber: r.registrationNumber,
          kind: r.kind,
          sector: r.sector,
          legalName: r.legalName,
          tradingNames: r.tradingNames,
          domains: r.domains,
          emailDomains: r.emailDomains,
          phones: r.phones,
          authorizedFrom: r.authorizedFrom,
          authorizedUntil: r.authorizedUntil,
        },
        SYSTEM_PRINCIPAL,
      );
      const steps =
        r.status === 'refused'
          ? ['refused']
          : r.status === 'pending'
            ? []
            : r.status === 'authorized'
              ? ['authorized']
              : ['authorized', r.status];
      for (const status of steps as ('authorized' | 'refused' | 'suspended' | 'revoked')[]) {
        const reason =
          status === r.status
            ? r.statusReason
            : 'Licence granted after inspection of premises and contracts';
        await recruiters.changeStatus(
          body.id,
          { status, reason, reference: `DEMO/${r.registrationNumber}/${status}` },
          undefined,
          SYSTEM_PRINCIPAL,
        );
      }
      count += 1;
    }
  }
  return { recruiters: count };
}
