// The product catalogue (reference data): the categories of SAMR's annual national spot-check plans,
// 大类 → 小类 → 产品, from data/product-catalogue.json (its "sources" name the plans each part comes
// from). Codes: 2 digits a 大类, 4 a 小类, 6 a product; a code's prefix is its parent.
import data from './data/product-catalogue.json' with { type: 'json' };

export interface CatalogueProduct {
  code: string;
  name: string;
}
export interface CatalogueSubgroup {
  code: string;
  name: string;
  planYear: number;
  products: CatalogueProduct[];
}
export interface CatalogueGroup {
  code: string;
  name: string;
  subgroups: CatalogueSubgroup[];
}

export const CATALOGUE_NAME: string = data.name;
export const CATALOGUE_NOTE: string = data.note;
export const CATALOGUE_SOURCES: ReadonlyArray<{ title: string; via: string; used: string }> = data.sources;
export const CATALOGUE: readonly CatalogueGroup[] = data.groups;

const names = new Map<string, string>();
for (const g of CATALOGUE) {
  names.set(g.code, g.name);
  for (const s of g.subgroups) {
    names.set(s.code, s.name);
    for (const p of s.products) names.set(p.code, p.name);
  }
}

/** The name of a catalogue code (大类, 小类 or 产品), or undefined. */
export function catalogueName(code: string): string | undefined {
  return names.get(code);
}

/** Category levels the rates group by: the code's first 2, 4 or 6 characters. */
export const CATEGORY_LEVELS = { group: 2, subgroup: 4, product: 6 } as const;
export type CategoryLevel = keyof typeof CATEGORY_LEVELS;
