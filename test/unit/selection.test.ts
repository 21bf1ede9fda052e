import { describe, expect, it } from 'vitest';
import { entityNeed, linkNeed, relationNeed, selectedFieldGroups, selectedFields } from '../../src/read/selection.js';
import { linkFieldOf } from '../../src/read/link-fields.js';
import { schema } from '../../src/schema/index.js';
import type { GraphQLObjectType } from 'graphql';
import { rootFieldInfo } from '../fixtures/resolve-info.js';

// Which stored properties a selection reads (src/read/selection.ts), worked out from a parsed query.

const linkField = (type: string, field: string) => linkFieldOf((schema.getType(type) as GraphQLObjectType).getFields()[field]!)!;

describe('the needs of a selection', () => {
  const info = rootFieldInfo(`{
    companies(first: 5) { edges { node {
      name kind
      chips { relation units chip { name } family { nameZh } sources { title } }
      financials { value }
      ... on Company { country { isoCode } }
      ...Owned
    } } }
  }
  fragment Owned on Company { subsidiaries { key } }`);
  const node = ['edges', 'node'];

  it('reads the properties of the fields selected, through fragments, and nothing for a link field or figures', () => {
    expect(entityNeed(info, node)).toEqual(['kind', 'name']);
    expect(selectedFields(info, node)).toEqual(new Set(['name', 'kind', 'chips', 'financials', 'country', 'subsidiaries']));
  });

  it('reads of a link field what its links and their nodes select', () => {
    const [chips] = selectedFieldGroups(info, node).filter((group) => group[0]!.name.value === 'chips');
    const at = { fieldNodes: chips!, fragments: info.fragments, schema };
    expect(relationNeed(at)).toEqual(['sources', 'units']);
    expect(linkNeed(at, linkField('Company', 'chips'))).toEqual({ relation: ['sources', 'units'], node: ['name', 'nameZh'] });
    const [country] = selectedFieldGroups(info, node).filter((group) => group[0]!.name.value === 'country');
    expect(linkNeed({ fieldNodes: country!, fragments: info.fragments, schema }, linkField('Company', 'country'))).toEqual({ relation: [], node: ['isoCode'] });
  });

  it('reads other properties for computed fields, and the whole record where a field hands it on', () => {
    expect(entityNeed(rootFieldInfo('{ entity(key: "x") { ... on Source { title citedAs } } }'))).toEqual(['evidence', 'name', 'title']);
    expect(entityNeed(rootFieldInfo('{ entity(key: "x") { key ... on Source { citation } } }'))).toBe('ALL');
    expect(entityNeed(rootFieldInfo('{ entity(key: "x") { __typename id key label } }'))).toEqual([]);
  });

  it('groups fields by response key, as execution will', () => {
    const groups = selectedFieldGroups(rootFieldInfo('{ company(key: "x") { chips { units } bought: chips { relation } chips { period } } }'), []);
    expect(groups.map((group) => [group[0]!.alias?.value ?? group[0]!.name.value, group.length])).toEqual([
      ['chips', 2],
      ['bought', 1],
    ]);
  });
});
