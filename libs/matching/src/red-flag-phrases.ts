/**
 * Phrases behind the red flags, as regular-expression sources over folded ad text (lower case,
 * no accents, punctuation kept). English, French, Spanish and Portuguese. Each flag's phrases are
 * compiled into one RegExp, so the ad text is scanned once per flag.
 *
 * A phrase only nominates a passage; `red-flags.ts` then drops it when the same clause says the
 * opposite ("no placement fee", "fees paid by the employer", "sans frais de dossier").
 */

const CURRENCY = String.raw`(?:usd|us\$|\$|£|€|eur|gbp|php|₱|ngn|₦|inr|₹|rs\.?|kes|ksh|ghs|gh₵|aed|sar|qar|zar|r\$|kz|mt|s\/)`;

export const CANDIDATE_FEE_PHRASES: readonly string[] = [
  // English
  String.raw`(?:processing|placement|registration|application|recruitment|recruiting|agency|service|admin|administrative|administration|documentation|document|booking|reservation|commitment|screening|interview|onboarding|deployment|mobili[sz]ation|training|enrol?ment|membership|handling|consultancy|job)\s+(?:fee|fees|charge|charges)\b`,
  String.raw`pay\s+(?:(?:a|an|the|your|our|any|all|some)\s+)?(?:[a-z]+\s+){0,2}?(?:fee|fees|deposit)\b`,
  String.raw`charges?\s+(?:(?:a|an)\s+)?(?:[a-z]+\s+){0,2}?fee\b`,
  String.raw`charges?\s+(?:candidates|applicants|job\s?seekers|workers)\b`,
  String.raw`(?:refundable|non[- ]?refundable|security|cash|initial|upfront|up-front|commitment|good[- ]faith)\s+deposit\b`,
  String.raw`deposit\s+of\s+(?:${CURRENCY}|\d)`,
  String.raw`(?:upfront|up-front|advance)\s+(?:payment|fee|fees)\b`,
  String.raw`pay(?:ment)?\s+(?:upfront|up-front|in\s+advance)\b`,
  String.raw`fees?\s*(?:of|:|is|=)?\s*${CURRENCY}\s?\d`,
  String.raw`fees?\s+(?:(?:is|are)\s+)?(?:required|payable|applies|apply|due|to\s+be\s+paid|must\s+be\s+paid|non[- ]?refundable)\b`,
  String.raw`(?:candidates?|applicants?|you)\s+(?:must|will|shall|should|need\s+to|have\s+to|are\s+required\s+to)\s+pay\b`,
  // French
  String.raw`frais\s+(?:de\s+|d['’])?(?:dossier|inscription|placement|recrutement|traitement|service|gestion|agence|formation|candidature|procedure|mobilisation|deploiement|adhesion|reservation|constitution)\b`,
  String.raw`frais\s+administratifs\b`,
  String.raw`(?:payer|verser|regler|acquitter)\s+(?:(?:des|les|un|une|vos|le|la|de)\s+)?(?:[a-z]+\s+)?(?:frais|acompte|caution|avance|cotisation)\b`,
  String.raw`(?:acompte|caution|avance)\s+(?:de\s+|d['’])\s*(?:${CURRENCY}|\d)`,
  String.raw`depot\s+de\s+garantie\b`,
  String.raw`a\s+(?:la\s+)?charge\s+du\s+candidat\b`,
  // Spanish
  String.raw`(?:cuota|tarifa|cargo|costo|coste|pago|derecho|arancel|tasa)s?\s+(?:de\s+)?(?:inscripcion|registro|tramite|tramites|tramitacion|procesamiento|colocacion|reclutamiento|gestion|agencia|servicio|solicitud|postulacion|reserva|formacion|capacitacion|afiliacion|admision)\b`,
  String.raw`gastos\s+(?:de\s+)?(?:gestion|tramite|tramites|tramitacion|inscripcion|reclutamiento|agencia|administrativos)\b`,
  String.raw`(?:pagar|abonar|depositar|cancelar)\s+(?:(?:una|un|la|el|los|las|su)\s+)?(?:[a-z]+\s+)?(?:cuota|tarifa|deposito|anticipo|adelanto|comision|costo)\b`,
  String.raw`pago\s+(?:por\s+)?adelantado\b`,
  String.raw`(?:anticipo|adelanto|deposito)\s+(?:de\s+)?(?:${CURRENCY}|\d)`,
  String.raw`deposito\s+(?:inicial|reembolsable|de\s+garantia)\b`,
  String.raw`(?:candidat[oa]|postulante|aspirante)s?\s+(?:debe|deben|debera|deberan|tiene\s+que|tienen\s+que)\s+(?:pagar|abonar|depositar)\b`,
  String.raw`(?:por\s+cuenta|a\s+cargo)\s+del\s+(?:candidat[oa]|postulante|aspirante)\b`,
  // Portuguese
  String.raw`taxas?\s+(?:de\s+)?(?:inscricao|cadastro|processamento|colocacao|recrutamento|servico|agencia|adesao|matricula|candidatura|reserva|intermediacao|agenciamento|administrativas?)\b`,
  String.raw`(?:pagar|depositar|transferir)\s+(?:(?:uma|um|a|o|as|os|sua|seu)\s+)?(?:[a-z]+\s+)?(?:taxa|caucao|sinal|deposito|adiantamento)\b`,
  String.raw`pagamento\s+antecipado\b`,
  String.raw`(?:caucao|sinal|adiantamento|deposito)\s+de\s+(?:${CURRENCY}|\d)`,
  String.raw`candidat[oa]s?\s+(?:deve|devem|devera|deverao|tem\s+que|tera\s+que)\s+(?:pagar|depositar)\b`,
  String.raw`por\s+conta\s+do\s+candidat[oa]\b`,
];

export const VISA_FEE_PHRASES: readonly string[] = [
  // English
  String.raw`(?:visa|sponsorship|cos|certificate\s+of\s+sponsorship|work\s+permit|visa\s+sponsorship|visa\s+processing|visa\s+application)\s+(?:fee|fees|charge|charges|cost|costs)\b`,
  String.raw`pay\s+(?:for\s+)?(?:(?:your|the|a|their|his|her)\s+)?(?:own\s+)?(?:visa|sponsorship|certificate\s+of\s+sponsorship|cos|work\s+permit)\b`,
  String.raw`(?:visa|sponsorship|work\s+permit)\s+(?:(?:is|will\s+be)\s+)?(?:at|on)\s+(?:the\s+)?(?:candidate|applicant|your)(?:'?s)?\s+(?:own\s+)?(?:cost|expense)\b`,
  String.raw`(?:buy|purchase)\s+(?:(?:a|your|the)\s+)?(?:visa|cos|certificate\s+of\s+sponsorship|sponsorship)\b`,
  String.raw`(?:cos|certificate\s+of\s+sponsorship|sponsorship|visa)\s+(?:for\s+sale|available\s+for\s+purchase)\b`,
  // French
  String.raw`frais\s+(?:de\s+)?(?:visa|parrainage|sponsorisation|permis\s+de\s+travail)\b`,
  String.raw`(?:payer|regler)\s+(?:(?:le|votre|son|les|vos)\s+)?(?:visa|parrainage|permis\s+de\s+travail)\b`,
  String.raw`visa\s+(?:(?:est|sera)\s+)?a\s+(?:la\s+)?charge\s+du\s+candidat\b`,
  // Spanish
  String.raw`(?:costo|coste|pago|tarifa|cuota|gastos?)\s+(?:de|del)\s+(?:(?:la|el)\s+)?(?:visa|visado|patrocinio|permiso\s+de\s+trabajo)\b`,
  String.raw`pagar\s+(?:(?:la|el|su|tu)\s+)?(?:propia\s+)?(?:visa|visado|patrocinio|permiso\s+de\s+trabajo)\b`,
  String.raw`(?:visa|visado)\s+(?:corre\s+)?(?:por\s+cuenta|a\s+cargo)\s+del\s+(?:candidat[oa]|postulante|trabajador)\b`,
  // Portuguese
  String.raw`(?:taxa|custo|pagamento|despesas?|valor)\s+(?:de|do|da)\s+(?:visto|patrocinio|autorizacao\s+de\s+trabalho)\b`,
  String.raw`pagar\s+(?:(?:o|seu|pelo|o\s+seu)\s+)?(?:proprio\s+)?(?:visto|patrocinio)\b`,
  String.raw`visto\s+(?:por\s+conta|a\s+cargo)\s+do\s+candidat[oa]\b`,
];

const MESSAGING_APP = String.raw`(?:whats\s?app|whatsap|telegram|viber|signal|wechat)`;
// "Signal" is also an ordinary English word, so it only counts next to an explicit "only".
const MESSAGING_APP_UNAMBIGUOUS = String.raw`(?:whats\s?app|whatsap|telegram|viber|wechat)`;

/** Contact restricted to a messaging app in so many words ("WhatsApp only", "solo por WhatsApp"). */
export const MESSAGING_ONLY_PHRASES: readonly string[] = [
  String.raw`(?:only|exclusively|solely|strictly)\b[^.\n,]{0,20}?\b${MESSAGING_APP}\b`,
  String.raw`${MESSAGING_APP}\b[^.\n,]{0,12}?\b(?:only|exclusively)\b`,
  String.raw`(?:uniquement|seulement|exclusivement)\b[^.\n,]{0,20}?\b${MESSAGING_APP}\b`,
  String.raw`${MESSAGING_APP}\b[^.\n,]{0,12}?\b(?:uniquement|seulement|exclusivement)\b`,
  String.raw`(?:solo|solamente|unicamente|exclusivamente|somente|apenas)\b[^.\n,]{0,20}?\b${MESSAGING_APP}\b`,
  String.raw`${MESSAGING_APP}\b[^.\n,]{0,12}?\b(?:solamente|unicamente|exclusivamente|somente|apenas)\b`,
  String.raw`so\s+(?:pelo|por|via|no)\s+${MESSAGING_APP}\b`,
];

/** A messaging app given as the way to get in touch ("Send your CV on WhatsApp +234…"). */
export const MESSAGING_CONTACT_PHRASES: readonly string[] = [
  String.raw`(?:contact|reach|message|text|apply|send|chat|dm|inbox|call|write|contacto|contactar|contacte|contactez|envoyez|envoyer|escriba|escribanos|envie|enviar|mande|ligue|fale|mensagem|mensaje)\b[^.\n]{0,40}?\b${MESSAGING_APP_UNAMBIGUOUS}\b`,
  String.raw`${MESSAGING_APP_UNAMBIGUOUS}\s*(?:us|me|:|\+|\d|number|no\b|nr\b|numero)`,
];

/** Any sign of another way to reach the recruiter: then a messaging app is not the only one. */
export const OTHER_CONTACT_CHANNEL = String.raw`\b(?:e-?mail|courriel|correo|correio|website|site\s+web|site\s+internet|sitio\s+web|pagina\s+web|apply\s+online|postulez\s+en\s+ligne|www\.|https?:\/\/)|@[a-z0-9-]+\.`;

const PASSPORT = String.raw`(?:passports?|passeports?|pasaportes?|passaportes?)`;

export const DOCUMENT_RETENTION_PHRASES: readonly string[] = [
  // English
  String.raw`(?:surrender|hand\s+over|handover|hand\s+in|deposit|leave|give\s+up|turn\s+over|entrust)\s+(?:(?:your|their|his|her|the|all|any)\s+)?(?:original\s+)?(?:passports?|travel\s+documents?|original\s+(?:documents|certificates|diplomas?|credentials)|identity\s+documents?|id\s+cards?)\b`,
  String.raw`passports?\s+(?:(?:will|shall|must|would|is|are|to)\s+)?(?:be\s+)?(?:held|kept|retained|surrendered|confiscated|safeguarded|deposited|stored|handed\s+over)\b`,
  String.raw`(?:we|employers?|agency|company|sponsor)\s+(?:(?:will|shall|must|may)\s+)?(?:hold|holds|keep|keeps|retain|retains|confiscate|confiscates|take|takes|collect|collects)\s+(?:custody\s+of\s+)?(?:(?:your|the|all|their|employees'?|workers'?)\s+)?(?:original\s+)?(?:passports?|travel\s+documents?|original\s+documents|original\s+certificates)\b`,
  String.raw`(?:safe\s?keeping|custody)\s+(?:of\s+)?(?:(?:your|the|all)\s+)?passports?\b`,
  String.raw`passports?\s+(?:for|in)\s+(?:safe\s?keeping|custody)\b`,
  // French
  String.raw`(?:remettre|confier|deposer|laisser|ceder|remise)\s+(?:de\s+)?(?:(?:votre|vos|son|ses|leur|leurs|le|les|du|des)\s+)?(?:passeports?|documents\s+originaux|diplomes\s+originaux|pieces\s+d['’]identite)\b`,
  String.raw`passeports?\s+(?:(?:sera|seront|est|sont|doit\s+etre|doivent\s+etre|reste|restera|resteront)\s+)?(?:conserves?|retenus?|gardes?|confisques?|deposes?)\b`,
  String.raw`(?:conservation|retention|confiscation|garde)\s+(?:du|des|de\s+votre|de\s+vos|de\s+leur)\s+passeports?\b`,
  String.raw`(?:conserver|garder|retenir|confisquer|conservons|gardons)\s+(?:votre|vos|le|les|leur|leurs)\s+passeports?\b`,
  // Spanish
  String.raw`(?:entregar|dejar|depositar|ceder)\s+(?:(?:su|sus|tu|tus|el|los)\s+)?pasaportes?\b`,
  String.raw`pasaportes?\s+(?:(?:sera|seran|quedara|quedaran|queda|quedan|debe\s+quedar|deberan\s+quedar|permanecera|permaneceran)\s+)?(?:retenidos?|guardados?|conservados?|confiscados?|en\s+custodia|en\s+resguardo|en\s+poder\s+de)\b`,
  String.raw`(?:retener|guardar|conservar|confiscar|custodiar|retenemos|guardamos|conservamos)\s+(?:su|sus|tu|tus|el|los)\s+(?:pasaportes?|documentos\s+originales)\b`,
  String.raw`(?:retencion|custodia|resguardo)\s+(?:de|del)\s+(?:(?:su|sus|los)\s+)?pasaportes?\b`,
  // Portuguese
  String.raw`(?:entregar|deixar|depositar)\s+(?:(?:o|os|seu|seus|o\s+seu|os\s+seus)\s+)?passaportes?\b`,
  String.raw`passaportes?\s+(?:(?:sera|serao|ficara|ficarao|fica|ficam|deve\s+ficar|devem\s+ficar|permanecera)\s+)?(?:retidos?|guardados?|em\s+custodia|confiscados?|em\s+posse|em\s+poder)\b`,
  String.raw`(?:reter|guardar|confiscar|retemos|guardamos)\s+(?:(?:o|os)\s+)?(?:seu|seus|o|os)\s+(?:passaportes?|documentos\s+originais)\b`,
  String.raw`(?:retencao|custodia)\s+(?:do|dos|de\s+seu|de\s+seus)\s+passaportes?\b`,
  String.raw`${PASSPORT}\s+(?:confiscated|confisques?|confiscados?)\b`,
];

/**
 * Said just before a phrase, in the same clause, these turn it around: "no placement fee",
 * "we never charge candidates", "sans frais de dossier", "sin costo de inscripción", "não cobramos
 * taxa de inscrição", "the employer pays the visa fee". "Free" is not among them: "free flights
 * and a processing fee of $300" still asks for a fee; "registration fee: free" is caught after.
 */
export const NEGATION_BEFORE = String.raw`\b(?:no|not|never|without|zero|nor|neither|don'?t|do\s+not|does\s+not|doesn'?t|won'?t|will\s+not|cannot|can'?t|sin|ningun[oa]?|nunca|jamas|sans|aucune?|pas|jamais|sem|nenhum[a]?|nao|isent[oa]s?|exempt|nobody|no\s+one|nadie|personne|ninguem)\b|\b(?:we|employers?|company|hospital|client|trust|empleador|empresa|employeur|entreprise|empregador|nous|nosotros)\s+(?:(?:will|shall|also|fully)\s+)?(?:(?:pay|cover|bear|fund|reimburse|refund|paie|paye|couvre|prend|paga|pagamos|cubre|cubrimos|cobre|cobrimos|assume|assumimos)s?\b|$)`;

/** Said just after a phrase, in the same clause: "placement fee: none", "visa costs covered". */
export const NEGATION_AFTER = String.raw`^\s*[:=-]?\s*(?:${CURRENCY}\s?)?0(?:[.,]00)?\b|\b(?:waived|free|none|nil|not\s+required|not\s+applicable|n\/a|covered|paid\s+by\s+(?:the\s+)?(?:employer|company|hospital|client|trust|us)|employer[- ]paid|reimbursed|refunded|at\s+no\s+cost|no\s+cost|provided|included|sponsored\s+by|a\s+cargo\s+de(?:l|\s+la)\s+(?:empleador|empresa)|cubiert[oa]s?|pagad[oa]s?\s+por\s+(?:el|la)\s+(?:empleador|empresa)|pris\s+en\s+charge|a\s+la\s+charge\s+de\s+l['’]employeur|rembourses?|gratuit[oa]?s?|gratis|pag[oa]s?\s+pel[oa]\s+(?:empregador|empresa)|por\s+conta\s+d[oa]\s+(?:empregador|empresa)|reembolsad[oa]s?|cobert[oa]s?|sin\s+costo|sans\s+frais|sem\s+custo|incluid[oa]s?|inclus)\b`;

/** Negations for passport retention: "nobody will hold your passport", "a copy of your passport". */
export const RETENTION_NEGATION_BEFORE = String.raw`\b(?:no|not|never|nobody|no\s+one|won'?t|will\s+not|cannot|don'?t|do\s+not|does\s+not|nunca|jamais|ne|nao|ninguem|nadie|personne|you\s+(?:will\s+)?(?:keep|retain|hold)|cop(?:y|ies)\s+of|copie\s+de|copias?\s+de|copias?\s+d[oa]|scan\s+of|photocop(?:y|ie)\s+(?:of|de)|fotocopias?\s+de)\b`;
export const RETENTION_NEGATION_AFTER = String.raw`^\s*\(?\s*(?:cop(?:y|ies)|copie|copia|scan|photocop)`;

/** "We do not recruit from …", "applicants from … cannot be considered". */
export const TARGETING_NEGATION_BEFORE = String.raw`\b(?:not|never|no\s+longer|don'?t|do\s+not|does\s+not|won'?t|cannot|can'?t|unable|excluding|except|exclude[sd]?|other\s+than|ne|pas|jamais|sauf|hors|excepto|salvo|menos|exceto|nao|nunca|jamas)\b`;
export const TARGETING_NEGATION_AFTER = String.raw`^[^.;!?\n]{0,30}?\b(?:not|cannot|can'?t|won'?t|ineligible|excluded|need\s+not|ne\s+sont\s+pas|non\s+eligibles?|no\s+(?:son\s+)?(?:elegibles?|aceptad[oa]s)|nao\s+(?:sao\s+)?(?:elegiveis|aceit[oa]s))\b`;

// Who is being recruited, in the four languages.
const HEALTH_WORKER = String.raw`(?:(?:registered\s+)?nurses?|rns?|midwi(?:fe|ves)|doctors?|physicians?|medical\s+officers?|clinicians?|pharmacists?|physiotherapists?|therapists?|radiographers?|sonographers?|dentists?|lab(?:oratory)?\s+(?:scientists?|technicians?)|(?:health|healthcare|health\s+care|medical|clinical)\s+(?:workers?|professionals?|staff|personnel)|care\s?givers?|carers?|care\s+(?:workers?|assistants?)|healthcare\s+assistants?|candidates?|applicants?|professionals?|workers?|staff|graduates?|nationals?|citizens?|residents?|infirmier(?:e|s|es)?|infirmieres?|sages?-femmes?|medecins?|docteurs?|pharmaciens?|kinesitherapeutes?|aides?-soignant(?:e|s|es)?|soignant(?:e|s|es)?|professionnels?\s+de\s+(?:la\s+)?sante|personnel\s+(?:soignant|medical|de\s+sante)|candidat(?:e|s|es)?|ressortissants?|enfermer[oa]s?|matronas?|parteras?|medic[oa]s?|farmaceutic[oa]s?|fisioterapeutas?|auxiliares?\s+de\s+enfermeria|cuidador(?:a|es|as)?|profesionales?\s+de\s+(?:la\s+)?salud|personal\s+(?:sanitario|de\s+salud|de\s+enfermeria|medico)|candidat[oa]s?|postulantes?|trabajador(?:a|es|as)?|enfermeir[oa]s?|parteiras?|tecnic[oa]s?\s+de\s+enfermagem|profissiona(?:l|is)\s+de\s+saude|trabalhador(?:a|es|as)?)`;

// Words between the worker and the country: "nurses from", "candidats résidant au", "enfermeras de".
const FROM_COUNTRY = String.raw`(?:from|in|based\s+in|residing\s+in|living\s+in|located\s+in|currently\s+in|currently\s+based\s+in|of|out\s+of|du|de|d['’]|des|de\s+la|en|au|aux|bases?\s+(?:au|en|a)|residant\s+(?:au|en|a)|originaires?\s+(?:du|de|d['’])|venant\s+(?:du|de|d['’])|del|desde|residentes?\s+en|radicad[oa]s\s+en|procedentes?\s+(?:de|del)|originari[oa]s\s+(?:de|del)|provenientes?\s+(?:de|del|do|da)|do|da|dos|das|em|no|na|residentes?\s+(?:em|no|na)|oriund[oa]s\s+(?:de|do|da)|vindos?\s+(?:de|do|da))`;

const RECRUITING = String.raw`(?:recruit(?:ing|ment|s)?|hiring|sourcing|headhunting|recrut(?:ement|ons|e|ent)|embauche|reclut(?:amiento|amos|a|an)|contrat(?:acion|amos|acao)|recrut(?:amento|amos|a|am))`;

// Earlier items of a list of countries: "nurses from Ghana, Nigeria and …".
const LIST_ITEMS = String.raw`(?:[a-z'’-]+(?:\s+[a-z'’-]+)?\s*(?:,|\s(?:and|or|et|ou|y|e)\s|&)\s*(?:(?:from|in|de|du|da|do|del|des|d['’]|em|en|au|no|na)\s*)?){0,4}`;

/** Before a country name: "nurses from the", "recruiting in", "nationals of". Anchored at the end. */
export const BEFORE_COUNTRY_NAME = new RegExp(
  String.raw`(?:\b${HEALTH_WORKER}\s+${FROM_COUNTRY}|\b${RECRUITING}\s+(?:[a-z]+\s+){0,3}?(?:from|in|au|en|du|de|del|desde|em|no|na|do|da))\s+${LIST_ITEMS}(?:(?:the|la|le|l['’]|el|o|a)\s*)?$`,
);

/** After a country name: "-based nurses", " nationals", " nurses wanted". Anchored at the start. */
export const AFTER_COUNTRY_NAME = new RegExp(
  String.raw`^(?:\s*-\s*based|\s+based|\s+(?:nationals|citizens|residents|passport\s+holders)|\s+(?:registered\s+|qualified\s+|trained\s+)?${HEALTH_WORKER})\b`,
);

/** After a demonym: " nurses", " registered nurses", "s wanted". Anchored at the start. */
export const AFTER_DEMONYM = new RegExp(
  String.raw`^(?:(?:\s*(?:,|\s(?:and|or|et|ou|y|e)\s|&)\s*[a-z'’-]+){0,4}\s+(?:(?:registered|qualified|trained|experienced|licensed|certified)\s+)?${HEALTH_WORKER}|\s+(?:only|wanted|needed|welcome|can\s+apply|are\s+invited|uniquement|seulement|solamente|unicamente|somente|apenas))\b`,
);

/** Before a demonym: "infirmières ", "enfermeras ", "open to ". Anchored at the end. */
export const BEFORE_DEMONYM = new RegExp(
  String.raw`(?:\b${HEALTH_WORKER}|\b(?:open\s+to|calling\s+all|attention|seeking|recruiting|hiring))\s+$`,
);
