/**
 * How ads name the countries of the WHO Health Workforce Support and Safeguards List: country
 * names in English, French, Spanish and Portuguese, and demonyms ("Ghanaian nurses", "infirmières
 * ghanéennes", "enfermeras haitianas"). Everything is folded (lower case, no accents), as the ad
 * text is before it is searched. Countries missing here are still found by their English name
 * from `COUNTRY_NAMES` when an administrator publishes a list with them.
 */
export interface CountryVocabulary {
  names: readonly string[];
  demonyms: readonly string[];
}

const EN = ['', 's'];
const FR_EN = ['en', 'enne', 'ens', 'ennes'];
const FR_AIS = ['ais', 'aise', 'aises'];
const FR_AIN = ['ain', 'aine', 'ains', 'aines'];
const O_A = ['o', 'a', 'os', 'as'];
const ES = ['es', 'esa', 'eses', 'esas'];
const ENSE = ['ense', 'enses'];

function forms(stem: string, endings: readonly string[]): string[] {
  return endings.map((ending) => stem + ending);
}

export const SAFEGUARDS_COUNTRY_VOCABULARY: Readonly<Record<string, CountryVocabulary>> = {
  AF: {
    names: ['afghanistan', 'afganistan', 'afeganistao'],
    demonyms: [...forms('afghan', EN), ...forms('afghane', EN), ...forms('afgan', O_A)],
  },
  AO: {
    names: ['angola'],
    demonyms: [
      ...forms('angolan', EN),
      ...forms('angol', FR_AIS),
      ...forms('angolen', O_A),
      ...forms('angolan', O_A),
    ],
  },
  BD: {
    names: ['bangladesh', 'banglades', 'bangladexe'],
    demonyms: [
      ...forms('bangladeshi', EN),
      ...forms('banglad', FR_AIS),
      'bangladesi',
      'bangladesies',
    ],
  },
  BF: {
    names: ['burkina faso', 'burkina'],
    demonyms: [...forms('burkinabe', EN), ...forms('burkinab', ['e', 'es']), 'burquines'],
  },
  BI: {
    names: ['burundi'],
    demonyms: [...forms('burundian', EN), ...forms('burund', FR_AIS), ...forms('burund', ES)],
  },
  BJ: {
    names: ['benin'],
    demonyms: ['beninese', ...forms('benin', ['ois', 'oise', 'oises']), ...forms('benin', ES)],
  },
  CD: {
    names: [
      'democratic republic of the congo',
      'democratic republic of congo',
      'dr congo',
      'drc',
      'congo-kinshasa',
      'republique democratique du congo',
      'rd congo',
      'rdc',
      'republica democratica del congo',
      'republica democratica do congo',
    ],
    // "Congolese" is used for both Congos; both are on the list, so either answer is right.
    demonyms: [
      'congolese',
      ...forms('congol', FR_AIS),
      ...forms('congolen', O_A),
      ...forms('congol', ES),
    ],
  },
  CF: {
    names: [
      'central african republic',
      'republique centrafricaine',
      'centrafrique',
      'republica centroafricana',
      'republica centro-africana',
    ],
    demonyms: [
      ...forms('central african', EN),
      ...forms('centrafric', FR_AIN),
      ...forms('centroafrican', O_A),
      ...forms('centro-african', O_A),
    ],
  },
  CG: {
    names: [
      'republic of the congo',
      'congo-brazzaville',
      'republique du congo',
      'republica del congo',
      'republica do congo',
      'congo',
    ],
    demonyms: [],
  },
  CI: {
    names: ["cote d'ivoire", 'cote divoire', 'ivory coast', 'costa de marfil', 'costa do marfim'],
    demonyms: [
      ...forms('ivorian', EN),
      ...forms('ivoiri', FR_EN),
      ...forms('marfilen', O_A),
      ...forms('marfin', ENSE),
    ],
  },
  CM: {
    names: ['cameroon', 'cameroun', 'camerun', 'camaroes'],
    demonyms: [...forms('cameroonian', EN), ...forms('cameroun', FR_AIS), ...forms('camerun', ES)],
  },
  DJ: {
    names: ['djibouti', 'yibuti', 'jibuti'],
    demonyms: [...forms('djiboutian', EN), ...forms('djibouti', FR_EN), ...forms('yibutian', O_A)],
  },
  ER: {
    names: ['eritrea', 'erythree', 'eritreia'],
    demonyms: [...forms('eritrean', EN), ...forms('erythre', FR_EN), ...forms('eritre', O_A)],
  },
  ET: {
    names: ['ethiopia', 'ethiopie', 'etiopia'],
    demonyms: [...forms('ethiopian', EN), ...forms('ethiopi', FR_EN), 'etiope', 'etiopes'],
  },
  FM: {
    names: ['federated states of micronesia', 'micronesia', 'micronesie'],
    demonyms: [
      ...forms('micronesian', EN),
      ...forms('micronesi', FR_EN),
      ...forms('micronesi', O_A),
    ],
  },
  GA: {
    names: ['gabon', 'gabao'],
    demonyms: [
      'gabonese',
      ...forms('gabon', FR_AIS),
      ...forms('gabon', ES),
      ...forms('gabon', ENSE),
    ],
  },
  GH: {
    names: ['ghana', 'gana'],
    demonyms: [
      ...forms('ghanaian', EN),
      ...forms('ghane', FR_EN),
      ...forms('ghan', ES),
      ...forms('gan', ES),
      ...forms('gan', ENSE),
    ],
  },
  GM: {
    names: ['the gambia', 'gambia', 'gambie'],
    demonyms: [...forms('gambian', EN), ...forms('gambi', FR_EN), ...forms('gambian', O_A)],
  },
  GN: {
    names: ['guinea', 'guinee', 'guine', 'guinea-conakry', 'guinee-conakry'],
    demonyms: [...forms('guinean', EN), ...forms('guine', FR_EN), ...forms('guinean', O_A)],
  },
  GQ: {
    names: ['equatorial guinea', 'guinee equatoriale', 'guinea ecuatorial', 'guine equatorial'],
    demonyms: [
      ...forms('equatorial guinean', EN),
      ...forms('equatoguinean', EN),
      ...forms('equato-guine', FR_EN),
      ...forms('ecuatoguinean', O_A),
      ...forms('equato-guine', ENSE),
    ],
  },
  GW: {
    names: ['guinea-bissau', 'guinee-bissau', 'guinea-bisau', 'guine-bissau'],
    // In Portuguese "guineense" nearly always means Guinea-Bissau, a Lusophone country.
    demonyms: [
      ...forms('bissau-guinean', EN),
      ...forms('bissau-guine', FR_EN),
      ...forms('guine', ENSE),
    ],
  },
  HT: {
    names: ['haiti'],
    demonyms: [...forms('haitian', EN), ...forms('haiti', FR_EN), ...forms('haitian', O_A)],
  },
  KI: {
    names: ['kiribati'],
    demonyms: ['i-kiribati', ...forms('kiribatian', EN)],
  },
  KM: {
    names: ['comoros', 'comores', 'comoras'],
    demonyms: [
      ...forms('comoran', EN),
      ...forms('comorian', EN),
      ...forms('comori', FR_EN),
      ...forms('comor', ENSE),
    ],
  },
  LA: {
    names: ["lao people's democratic republic", 'lao pdr', 'laos'],
    demonyms: [...forms('laotian', EN), ...forms('laoti', FR_EN), ...forms('laosian', O_A)],
  },
  LR: {
    names: ['liberia'],
    demonyms: [...forms('liberian', EN), ...forms('liberi', FR_EN), ...forms('liberian', O_A)],
  },
  LS: {
    names: ['lesotho', 'lesoto'],
    demonyms: ['basotho', 'mosotho', ...forms('lesothan', EN)],
  },
  MG: {
    names: ['madagascar'],
    demonyms: ['malagasy', 'malgache', 'malgaches', 'malgaxe', 'malgaxes'],
  },
  ML: {
    names: ['mali'],
    demonyms: [...forms('malian', EN), ...forms('mali', FR_EN), ...forms('mali', ENSE)],
  },
  MR: {
    names: ['mauritania', 'mauritanie'],
    demonyms: [
      ...forms('mauritanian', EN),
      ...forms('mauritani', FR_EN),
      ...forms('mauritan', O_A),
    ],
  },
  MW: {
    names: ['malawi', 'malaui'],
    demonyms: [...forms('malawian', EN), ...forms('malawite', EN), ...forms('malawian', O_A)],
  },
  MZ: {
    names: ['mozambique', 'mocambique'],
    demonyms: [
      ...forms('mozambican', EN),
      ...forms('mozambic', FR_AIN),
      ...forms('mozambiquen', O_A),
      ...forms('mocambican', O_A),
    ],
  },
  NE: {
    names: ['niger'],
    demonyms: [...forms('nigerien', EN), ...forms('nigeri', FR_EN), ...forms('nigerin', O_A)],
  },
  NG: {
    names: ['nigeria'],
    demonyms: [...forms('nigerian', EN), ...forms('nigeriane', EN), ...forms('nigerian', O_A)],
  },
  NP: {
    names: ['nepal'],
    demonyms: [
      ...forms('nepali', EN),
      'nepalese',
      ...forms('nepal', FR_AIS),
      ...forms('nepal', ES),
    ],
  },
  PG: {
    names: [
      'papua new guinea',
      'papouasie-nouvelle-guinee',
      'papua nueva guinea',
      'papua-nova guine',
    ],
    demonyms: [...forms('papua new guinean', EN), ...forms('papou', EN)],
  },
  PK: {
    names: ['pakistan', 'paquistao'],
    demonyms: [
      ...forms('pakistani', EN),
      ...forms('pakistan', FR_AIS),
      'paquistani',
      'paquistanies',
      ...forms('paquistan', ES),
    ],
  },
  RW: {
    names: ['rwanda', 'ruanda'],
    demonyms: [...forms('rwandan', EN), ...forms('rwand', FR_AIS), ...forms('ruand', ES)],
  },
  SB: {
    names: ['solomon islands', 'iles salomon', 'islas salomon', 'ilhas salomao'],
    demonyms: [...forms('solomon islander', EN)],
  },
  SD: {
    names: ['sudan', 'soudan', 'sudao'],
    demonyms: ['sudanese', ...forms('soudan', FR_AIS), ...forms('sudan', ES)],
  },
  SL: {
    names: ['sierra leone', 'sierra leona', 'serra leoa'],
    demonyms: [
      ...forms('sierra leonean', EN),
      ...forms('sierra-leon', FR_AIS),
      ...forms('sierraleon', ES),
      ...forms('serra-leon', ES),
    ],
  },
  SN: {
    names: ['senegal'],
    demonyms: ['senegalese', ...forms('senegal', FR_AIS), ...forms('senegal', ES)],
  },
  SO: {
    names: ['somalia', 'somalie'],
    demonyms: [...forms('somali', EN), ...forms('somali', FR_EN), 'somalies'],
  },
  SS: {
    names: ['south sudan', 'soudan du sud', 'sudan del sur', 'sudao do sul'],
    demonyms: ['south sudanese', ...forms('sud-soudan', FR_AIS), ...forms('sursudan', ES)],
  },
  TD: {
    names: ['chad', 'tchad', 'chade'],
    demonyms: [...forms('chadian', EN), ...forms('tchadi', FR_EN), ...forms('chadian', O_A)],
  },
  TG: {
    names: ['togo'],
    demonyms: ['togolese', ...forms('togol', FR_AIS), ...forms('togol', ES)],
  },
  TL: {
    names: ['timor-leste', 'east timor', 'timor oriental', 'timor'],
    demonyms: ['timorese', ...forms('timor', ENSE), ...forms('timor', FR_AIS)],
  },
  TV: {
    names: ['tuvalu'],
    demonyms: [...forms('tuvaluan', EN)],
  },
  TZ: {
    names: ['tanzania', 'tanzanie', 'united republic of tanzania'],
    demonyms: [...forms('tanzanian', EN), ...forms('tanzani', FR_EN), ...forms('tanzan', O_A)],
  },
  UG: {
    names: ['uganda', 'ouganda'],
    demonyms: [...forms('ugandan', EN), ...forms('ougand', FR_AIS), ...forms('ugand', ES)],
  },
  VU: {
    names: ['vanuatu'],
    demonyms: ['ni-vanuatu', ...forms('vanuatuan', EN)],
  },
  WS: {
    names: ['samoa'],
    demonyms: [...forms('samoan', EN), ...forms('samoan', O_A)],
  },
  YE: {
    names: ['yemen', 'iemen', 'republic of yemen'],
    demonyms: [...forms('yemeni', EN), ...forms('yemenite', EN), ...forms('iemenita', EN)],
  },
  ZM: {
    names: ['zambia', 'zambie'],
    demonyms: [...forms('zambian', EN), ...forms('zambi', FR_EN), ...forms('zambian', O_A)],
  },
  ZW: {
    names: ['zimbabwe', 'zimbabue'],
    demonyms: [...forms('zimbabwean', EN), ...forms('zimbabwe', FR_EN), ...forms('zimbabu', ENSE)],
  },
};
