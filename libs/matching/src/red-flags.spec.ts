import { describe, expect, it } from '@jest/globals';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import {
  RED_FLAG_CODES,
  detectRedFlags,
  type RedFlagCode,
  type RedFlagOptions,
} from './red-flags.js';
import { SAFEGUARDS_COUNTRY_VOCABULARY } from './safeguards-countries.js';

function codes(text: string, options: RedFlagOptions = {}): RedFlagCode[] {
  return detectRedFlags(text, options).map((flag) => flag.code);
}

function flagged(code: RedFlagCode, text: string, options: RedFlagOptions = {}): boolean {
  return codes(text, options).includes(code);
}

describe('detectRedFlags', () => {
  describe('candidate_fees', () => {
    it.each([
      [
        'en',
        'URGENT: Staff nurses for Saudi Arabia. Salary SAR 9,000. Shortlisted applicants must pay a processing fee of USD 450 before the interview.',
      ],
      [
        'en',
        'Registered nurses needed in Dubai. Placement fee: $1,200 (payable in two instalments).',
      ],
      ['en', 'A refundable deposit of 300 GBP secures your interview slot.'],
      ['en', 'Candidates will need to pay for the medical and a registration fee of ₦150,000.'],
      ['en', 'No experience needed, processing fee of $100 applies.'],
      ['en', 'Free accommodation and flights. Free meals and a placement fee of USD 900.'],
      [
        'fr',
        'Recrutement infirmiers pour le Canada. Frais de dossier : 150 000 FCFA à payer avant l’entretien.',
      ],
      ['fr', 'Les candidats retenus devront verser une caution de 500 € pour le logement.'],
      ['es', 'Enfermeras para Alemania. Cuota de inscripción: 300 USD, pago por adelantado.'],
      ['es', 'Se requiere un depósito de S/ 800 para iniciar el trámite.'],
      [
        'pt',
        'Vagas para enfermeiros em Portugal. Taxa de inscrição de R$ 250,00 a ser paga pelo candidato.',
      ],
      ['pt', 'O candidato deverá pagar uma taxa administrativa de 50.000 Kz.'],
    ])('raises on a fee asked of the candidate (%s)', (_language, text) => {
      expect(flagged('candidate_fees', text)).toBe(true);
    });

    it.each([
      ['en', 'We never charge candidates any fees. Our services are free of charge to nurses.'],
      ['en', 'No placement, registration or processing fees. Visa sponsorship provided.'],
      ['en', 'There is no placement fee: the hospital pays the agency.'],
      ['en', 'Placement fee: none. All costs are covered by the employer.'],
      ['en', 'The employer pays the placement fee and your flights.'],
      ['en', 'Charge Nurses wanted, Band 6. Pay rate £35 per hour, paid weekly by direct deposit.'],
      [
        'fr',
        'Recrutement sans frais de dossier. Aucun frais de placement n’est demandé aux candidats.',
      ],
      ['fr', 'Les frais de recrutement sont pris en charge par l’employeur.'],
      ['es', 'Proceso sin costo de inscripción para el candidato. Ningún pago por adelantado.'],
      ['es', 'La cuota de colocación es cubierta por el empleador; el servicio es gratuito.'],
      ['pt', 'Inscrição gratuita, sem taxas para o candidato.'],
      ['pt', 'Não cobramos taxa de inscrição nem taxa de colocação.'],
    ])('stays quiet when the ad says there is no fee (%s)', (_language, text) => {
      expect(flagged('candidate_fees', text)).toBe(false);
    });
  });

  describe('visa_sponsorship_fee', () => {
    it.each([
      ['en', 'Visa sponsorship available. Sponsorship fee: £3,000, paid by the candidate.'],
      ['en', 'You will pay for your own Certificate of Sponsorship (CoS) before travel.'],
      ['en', 'CoS for sale for care workers, genuine employers.'],
      ['fr', 'Frais de visa de 400 000 FCFA à la charge du candidat.'],
      ['es', 'Costo de la visa a cargo del candidato: 1.500 USD.'],
      ['pt', 'Taxa do visto de 800 euros por conta do candidato.'],
    ])('raises on a visa or sponsorship paid by the candidate (%s)', (_language, text) => {
      expect(flagged('visa_sponsorship_fee', text)).toBe(true);
    });

    it.each([
      ['en', 'Full visa sponsorship provided by the NHS Trust.'],
      ['en', 'We cover all visa fees and the Immigration Health Surcharge.'],
      ['en', 'Visa costs are reimbursed on arrival.'],
      ['en', 'Visa sponsorship fee paid by the employer.'],
      ['fr', 'Visa et billet d’avion pris en charge. Frais de visa remboursés.'],
      ['es', 'El empleador cubre el costo de la visa.'],
      ['pt', 'Sem custo de visto para o candidato: a taxa de visto é paga pela empresa.'],
    ])('stays quiet when the employer pays (%s)', (_language, text) => {
      expect(flagged('visa_sponsorship_fee', text)).toBe(false);
    });

    it('reports a visa fee once, as a visa fee', () => {
      expect(codes('Visa processing fee of $2,000 is required.')).toEqual(['visa_sponsorship_fee']);
    });
  });

  describe('messaging_app_only', () => {
    it.each([
      ['en', 'Interested nurses should contact us on WhatsApp only: +234 803 123 4567.'],
      ['en', 'Send your CV and passport copy via WhatsApp to +234 803 123 4567.'],
      ['en', 'Apply strictly through Telegram @nursejobs_uk'],
      ['fr', 'Contactez-nous uniquement par WhatsApp au +221 77 123 45 67.'],
      ['es', 'Solo por WhatsApp +509 3412 5678. No llamadas.'],
      ['pt', 'Envie seu currículo somente pelo WhatsApp (11) 91234-5678.'],
    ])('raises when a messaging app is the only contact (%s)', (_language, text) => {
      expect(flagged('messaging_app_only', text)).toBe(true);
    });

    it.each([
      ['en', 'WhatsApp or email us at jobs@acmehealth.co.uk.'],
      ['en', 'Apply online at www.acmehealth.co.uk. Questions? Message us on WhatsApp.'],
      ['en', 'We will signal our decision within two weeks.'],
      ['fr', 'Envoyez votre CV par e-mail ou contactez-nous sur WhatsApp.'],
      ['es', 'Escríbanos por WhatsApp o al correo rrhh@saludglobal.es.'],
      ['pt', 'Fale conosco pelo WhatsApp ou pelo site www.saudetotal.pt.'],
    ])('stays quiet when there is another way to reach the recruiter (%s)', (_language, text) => {
      expect(flagged('messaging_app_only', text)).toBe(false);
    });

    it('counts addresses given outside the text as another way', () => {
      const text = 'Send your CV via WhatsApp to +234 803 123 4567.';
      expect(flagged('messaging_app_only', text, { emails: ['hr@acmehealth.co.uk'] })).toBe(false);
    });
  });

  describe('free_webmail', () => {
    it.each([
      ['en', 'Send your CV to acmehealthjobs@gmail.com today.'],
      ['fr', 'Envoyez votre dossier à recrutement.sante@yahoo.fr'],
      ['es', 'Enviar hoja de vida a enfermeras.europa@hotmail.com'],
      ['pt', 'Currículos para vagas.portugal@outlook.com'],
    ])('raises on a company address at a free provider (%s)', (_language, text) => {
      const flags = detectRedFlags(text);
      expect(flags.map((flag) => flag.code)).toContain('free_webmail');
      expect(flags.find((flag) => flag.code === 'free_webmail')?.evidence).toMatch(/@/);
    });

    it('raises on an address given outside the text', () => {
      expect(flagged('free_webmail', '', { emails: ['recruiter@gmx.de'] })).toBe(true);
    });

    it('stays quiet for a company domain', () => {
      expect(flagged('free_webmail', 'Apply to careers@acmehealth.co.uk')).toBe(false);
    });
  });

  describe('document_retention', () => {
    it.each([
      ['en', 'Your passport will be kept by the agency until the end of the contract.'],
      ['en', 'Successful candidates must surrender their original passports on arrival.'],
      ['en', 'The employer will hold your passport for safekeeping.'],
      ['fr', 'Le passeport sera conservé par l’agence pendant toute la durée du contrat.'],
      ['fr', 'Vous devrez remettre votre passeport à l’employeur à l’arrivée.'],
      ['es', 'Su pasaporte quedará retenido por la empresa durante el contrato.'],
      ['pt', 'O passaporte ficará retido pela empresa até o fim do contrato.'],
    ])('raises on a passport held by someone else (%s)', (_language, text) => {
      expect(flagged('document_retention', text)).toBe(true);
    });

    it.each([
      [
        'en',
        'Please bring a copy of your passport and your original certificates for verification.',
      ],
      ['en', 'You keep your passport at all times; nobody will hold your documents.'],
      ['en', 'Passport must be valid for at least 6 months.'],
      ['fr', 'Joindre une copie de votre passeport au dossier.'],
      ['es', 'Adjuntar copia de su pasaporte vigente.'],
      ['pt', 'Nunca retemos o seu passaporte. Envie cópia do passaporte.'],
    ])('stays quiet for ordinary document requests (%s)', (_language, text) => {
      expect(flagged('document_retention', text)).toBe(false);
    });
  });

  describe('safeguards_list_targeting', () => {
    it.each([
      ['en', 'We are recruiting nurses from Ghana and Nigeria for NHS trusts.'],
      ['en', 'Ghanaian nurses wanted for UK care homes!'],
      ['en', 'Open to candidates in Nigeria, Zimbabwe and Kenya.'],
      ['en', 'Recruitment drive in Zimbabwe this March: midwives and theatre nurses.'],
      ['en', 'Nepali nationals only. Staff nurses for Qatar.'],
      ['fr', 'Nous recrutons des infirmières ghanéennes et des infirmiers du Sénégal.'],
      ['fr', 'Recrutement de médecins au Cameroun pour la France.'],
      ['es', 'Enfermeras haitianas para trabajar en Chile.'],
      ['es', 'Buscamos enfermeros de Guinea Ecuatorial para España.'],
      ['pt', 'Recrutamento de enfermeiros angolanos e moçambicanos para Portugal.'],
      ['pt', 'Vagas para técnicos de enfermagem da Guiné-Bissau.'],
    ])('raises on recruitment aimed at a listed country (%s)', (_language, text) => {
      expect(flagged('safeguards_list_targeting', text)).toBe(true);
    });

    it.each([
      ['en', 'Kenyan nurses wanted for UK hospitals.'],
      ['en', 'Filipino and Indian nurses welcome to apply.'],
      ['en', 'In line with the WHO Code we do not recruit nurses from Ghana or Nigeria.'],
      ['en', 'Applicants from Zimbabwe cannot be considered for this role.'],
      ['en', 'Our founder was born in Ghana. We recruit nurses in the UK.'],
      ['en', 'Contact Chad Smith for details.'],
      ['fr', 'Nous ne recrutons pas d’infirmiers du Sénégal.'],
      ['es', 'Enfermeras de Colombia y Perú.'],
      ['pt', 'Enfermeiros de Portugal e do Brasil.'],
    ])('stays quiet otherwise (%s)', (_language, text) => {
      expect(flagged('safeguards_list_targeting', text)).toBe(false);
    });

    it('does not count recruitment inside the country where the job is', () => {
      const text = 'Nurses from Ghana wanted for Korle Bu Teaching Hospital, Accra.';
      expect(flagged('safeguards_list_targeting', text, { jobCountry: 'GH' })).toBe(false);
      expect(flagged('safeguards_list_targeting', text, { jobCountry: 'GB' })).toBe(true);
    });

    it('follows the list in force', () => {
      const text = 'Nurses from Kenya and Ghana wanted.';
      expect(flagged('safeguards_list_targeting', text, { safeguardsCountryCodes: ['NG'] })).toBe(
        false,
      );
      const flags = detectRedFlags(text, { safeguardsCountryCodes: ['KE'] });
      expect(flags[0]?.explanation).toContain('Kenya');
      expect(flags[0]?.explanation).not.toContain('Ghana');
    });

    it('names every listed country it found', () => {
      const [flag] = detectRedFlags('Nurses from Ghana, Nigeria and Zimbabwe welcome.');
      expect(flag?.explanation).toContain('Ghana, Nigeria and Zimbabwe');
      // And their codes, for a client that names them in its own language.
      expect(flag?.countries).toEqual(['GH', 'NG', 'ZW']);
    });

    it('knows the names of every country of the 2023 list', () => {
      for (const { code } of SAFEGUARDS_LIST_2023.countries) {
        expect(SAFEGUARDS_COUNTRY_VOCABULARY[code]?.names.length).toBeGreaterThan(0);
      }
    });
  });

  it('shows the evidence as the ad wrote it', () => {
    const [flag] = detectRedFlags('Taxa de inscrição de R$ 250,00.');
    expect(flag?.evidence).toBe('Taxa de inscrição de R$ 250,00');
  });

  it('answers one flag per code, in a fixed order, with the article it concerns', () => {
    const text = [
      'Ghanaian nurses wanted. Processing fee $300.',
      'Visa sponsorship fee £2,000 paid by the candidate.',
      'Your passport will be held by the agency.',
      'WhatsApp only: +233 24 123 4567. Processing fee again: $300.',
    ].join('\n');
    const flags = detectRedFlags(text, { emails: ['ghanajobs@gmail.com'] });
    expect(flags.map((flag) => flag.code)).toEqual(RED_FLAG_CODES);
    expect(flags.map((flag) => flag.article)).toEqual([
      'Art. 4.8',
      'Art. 4.8',
      'Art. 4.3, 4.4',
      'Art. 9.5 [8.5]',
      'Art. 4.1, 4.4',
      'Box 2 [5.1]',
    ]);
  });

  it('warns without accusing', () => {
    const text =
      'Ghanaian nurses wanted. Processing fee $300. Visa fee paid by you. Passport will be held. WhatsApp only.';
    for (const flag of detectRedFlags(text, { emails: ['x@gmail.com'] })) {
      expect(flag.explanation).not.toMatch(/scam|fraud|illegal|criminal|fake/i);
      expect(flag.evidence.length).toBeLessThanOrEqual(101);
    }
  });

  it('answers nothing for an ordinary ad', () => {
    const text = `Staff Nurse – Medical Ward (Band 5). We are looking for a caring, motivated registered nurse
      to join our busy team. You will deliver high-quality care, work with doctors and therapists and
      support students. Salary £29,970 – £36,483 pro rata, paid monthly. Relocation package available.
      Apply online at www.example-nhs-trust.nhs.uk.`;
    expect(detectRedFlags(text)).toEqual([]);
  });
});
