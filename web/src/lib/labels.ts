// One colour per label, for the drawings (canvas) and, through generated CSS classes, the page.
export const LABEL_COLOURS: Record<string, string> = {
  Company: '#2563eb',
  CompanyGroup: '#0891b2',
  Organization: '#b91c1c',
  Country: '#7c3aed',
  Region: '#a855f7',
  Chip: '#16a34a',
  ChipFamily: '#047857',
  ProductCategory: '#65a30d',
  DataCenter: '#ea580c',
  Policy: '#dc2626',
  Person: '#db2777',
  AIModel: '#ca8a04',
  Quote: '#64748b',
  Source: '#78716c',
};
