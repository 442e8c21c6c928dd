/**
 * WHO Health Workforce Support and Safeguards List 2023 (WHO, ISBN 9789240069787): countries with
 * fewer than 49 doctors, nurses and midwives per 10,000 people and a UHC service coverage index
 * below 55. Shipped as the default edition; an administrator can replace it through the API.
 * Source file: shared/data/who-health-workforce-support-safeguards-list-2023.csv (see its README).
 */
export type WhoRegion = 'AFR' | 'AMR' | 'EMR' | 'SEAR' | 'WPR';

export interface SafeguardsListCountry {
  code: string;
  name: string;
  whoRegion: WhoRegion;
}

export interface SafeguardsList {
  edition: string;
  source: string;
  countries: SafeguardsListCountry[];
}

export const SAFEGUARDS_LIST_2023: SafeguardsList = {
  edition: '2023',
  source:
    'WHO Health Workforce Support and Safeguards List 2023, World Health Organization, ISBN 9789240069787',
  countries: [
    { code: 'AF', name: 'Afghanistan', whoRegion: 'EMR' },
    { code: 'AO', name: 'Angola', whoRegion: 'AFR' },
    { code: 'BD', name: 'Bangladesh', whoRegion: 'SEAR' },
    { code: 'BF', name: 'Burkina Faso', whoRegion: 'AFR' },
    { code: 'BI', name: 'Burundi', whoRegion: 'AFR' },
    { code: 'BJ', name: 'Benin', whoRegion: 'AFR' },
    { code: 'CD', name: 'Congo, Democratic Republic of', whoRegion: 'AFR' },
    { code: 'CF', name: 'Central African Republic', whoRegion: 'AFR' },
    { code: 'CG', name: 'Congo', whoRegion: 'AFR' },
    { code: 'CI', name: "Côte d'Ivoire", whoRegion: 'AFR' },
    { code: 'CM', name: 'Cameroon', whoRegion: 'AFR' },
    { code: 'DJ', name: 'Djibouti', whoRegion: 'EMR' },
    { code: 'ER', name: 'Eritrea', whoRegion: 'AFR' },
    { code: 'ET', name: 'Ethiopia', whoRegion: 'AFR' },
    { code: 'FM', name: 'Micronesia, Federated States of', whoRegion: 'WPR' },
    { code: 'GA', name: 'Gabon', whoRegion: 'AFR' },
    { code: 'GH', name: 'Ghana', whoRegion: 'AFR' },
    { code: 'GM', name: 'Gambia, The', whoRegion: 'AFR' },
    { code: 'GN', name: 'Guinea', whoRegion: 'AFR' },
    { code: 'GQ', name: 'Equatorial Guinea', whoRegion: 'AFR' },
    { code: 'GW', name: 'Guinea-Bissau', whoRegion: 'AFR' },
    { code: 'HT', name: 'Haiti', whoRegion: 'AMR' },
    { code: 'KI', name: 'Kiribati', whoRegion: 'WPR' },
    { code: 'KM', name: 'Comoros', whoRegion: 'AFR' },
    { code: 'LA', name: "Lao People's Democratic Republic", whoRegion: 'WPR' },
    { code: 'LR', name: 'Liberia', whoRegion: 'AFR' },
    { code: 'LS', name: 'Lesotho', whoRegion: 'AFR' },
    { code: 'MG', name: 'Madagascar', whoRegion: 'AFR' },
    { code: 'ML', name: 'Mali', whoRegion: 'AFR' },
    { code: 'MR', name: 'Mauritania', whoRegion: 'AFR' },
    { code: 'MW', name: 'Malawi', whoRegion: 'AFR' },
    { code: 'MZ', name: 'Mozambique', whoRegion: 'AFR' },
    { code: 'NE', name: 'Niger', whoRegion: 'AFR' },
    { code: 'NG', name: 'Nigeria', whoRegion: 'AFR' },
    { code: 'NP', name: 'Nepal', whoRegion: 'SEAR' },
    { code: 'PG', name: 'Papua New Guinea', whoRegion: 'WPR' },
    { code: 'PK', name: 'Pakistan', whoRegion: 'EMR' },
    { code: 'RW', name: 'Rwanda', whoRegion: 'AFR' },
    { code: 'SB', name: 'Solomon Islands', whoRegion: 'WPR' },
    { code: 'SD', name: 'Sudan', whoRegion: 'EMR' },
    { code: 'SL', name: 'Sierra Leone', whoRegion: 'AFR' },
    { code: 'SN', name: 'Senegal', whoRegion: 'AFR' },
    { code: 'SO', name: 'Somalia', whoRegion: 'EMR' },
    { code: 'SS', name: 'South Sudan', whoRegion: 'AFR' },
    { code: 'TD', name: 'Chad', whoRegion: 'AFR' },
    { code: 'TG', name: 'Togo', whoRegion: 'AFR' },
    { code: 'TL', name: 'Timor-Leste', whoRegion: 'SEAR' },
    { code: 'TV', name: 'Tuvalu', whoRegion: 'WPR' },
    { code: 'TZ', name: 'Tanzania, United Republic of', whoRegion: 'AFR' },
    { code: 'UG', name: 'Uganda', whoRegion: 'AFR' },
    { code: 'VU', name: 'Vanuatu', whoRegion: 'WPR' },
    { code: 'WS', name: 'Samoa', whoRegion: 'WPR' },
    { code: 'YE', name: 'Yemen, Republic of', whoRegion: 'EMR' },
    { code: 'ZM', name: 'Zambia', whoRegion: 'AFR' },
    { code: 'ZW', name: 'Zimbabwe', whoRegion: 'AFR' },
  ],
};
