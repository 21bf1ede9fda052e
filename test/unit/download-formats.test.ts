import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { type GraphData, toCsv, toGexf, toGraphML, toJson } from '../../web/src/lib/download.js';

// The explorer's download formats, read back by real parsers: csv-parse, NetworkX (Python) for
// GraphML, graphology-gexf and xmllint with the GEXF 1.3 schema for GEXF. The awkward values are the point: quotes, commas, line
// breaks, Chinese, XML's special characters and the control characters XML 1.0 cannot hold.

const AWKWARD = 'He said "no", then\r\nleft; <b>&</b> 字节跳动\u0001\u0008\u000b tab\there';
const WITHOUT_CONTROLS = 'He said "no", then\r\nleft; <b>&</b> 字节跳动 tab\there';

const graph: GraphData = {
  nodes: [
    { id: 'bytedance', label: 'Company', name: 'ByteDance', attributes: { nameZh: '字节跳动', capex: 160 } },
    { id: 'h20', label: 'Chip', name: 'Nvidia H20 <"China">', attributes: { nameZh: null, capex: null } },
    { id: 'q&1', label: 'Quote', name: AWKWARD },
  ],
  edges: [
    { id: 'e1', source: 'bytedance', target: 'h20', type: 'DEPENDS_ON', attributes: { evidence: AWKWARD, period: '2024' } },
    { id: 'e2', source: 'q&1', target: 'bytedance', type: 'ABOUT' },
  ],
};

describe('CSV', () => {
  const csv = toCsv(
    {
      name: 'companies',
      columns: ['key', 'name', 'units', 'note'],
      rows: [
        { key: 'bytedance', name: '字节跳动', units: 230000, note: AWKWARD },
        { key: 'empty', name: null, units: undefined, note: '' },
      ],
    },
    'cs-7',
  );

  it('starts with a UTF-8 byte order mark and ends its records with CRLF', () => {
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parses back to the same cells, the graph version in the last column', () => {
    const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      { key: 'bytedance', name: '字节跳动', units: '230000', note: AWKWARD, graphVersion: 'cs-7' },
      { key: 'empty', name: '', units: '', note: '', graphVersion: 'cs-7' },
    ]);
  });
});

describe('JSON', () => {
  it('holds the graph version, the view and the answer as received', () => {
    const answer = { exposure: [{ company: { key: 'bytedance' } }] };
    expect(JSON.parse(toJson({ name: 'exposure-h20', graphVersion: 'cs-7', tables: [], json: answer }))).toEqual({
      graphVersion: 'cs-7',
      view: 'exposure-h20',
      data: answer,
    });
  });
});

describe('GraphML', () => {
  const graphml = toGraphML(graph, 'cs-7');

  it('is well-formed XML with the control characters removed and the rest escaped', () => {
    expect(XMLValidator.validate(graphml)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none is left
    expect(graphml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('is read by NetworkX with the names as labels, types as a column and the graph version', () => {
    const read = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          `import sys, json, networkx as nx
g = nx.read_graphml(sys.stdin.buffer)
print(json.dumps({"graph": g.graph, "nodes": dict(g.nodes(data=True)), "edges": [[u, v, d] for u, v, d in g.edges(data=True)]}))`,
        ],
        { input: graphml },
      ).toString(),
    ) as { graph: Record<string, string>; nodes: Record<string, Record<string, unknown>>; edges: [string, string, Record<string, unknown>][] };
    expect(read.graph.graphVersion).toBe('cs-7');
    expect(Object.keys(read.nodes).sort()).toEqual(['bytedance', 'h20', 'q&1']);
    expect(read.nodes.bytedance).toEqual({ label: 'ByteDance', type: 'Company', nameZh: '字节跳动', capex: 160 });
    expect(read.nodes.h20!.label).toBe('Nvidia H20 <"China">');
    // XML normalises a CR LF inside text to LF.
    expect(read.nodes['q&1']!.label).toBe(WITHOUT_CONTROLS.replace('\r\n', '\n'));
    expect(read.edges).toHaveLength(2);
    const dependsOn = read.edges.find(([from]) => from === 'bytedance')!;
    expect(dependsOn).toEqual(['bytedance', 'h20', { id: 'e1', type: 'DEPENDS_ON', evidence: WITHOUT_CONTROLS.replace('\r\n', '\n'), period: '2024' }]);
  });
});

describe('GEXF', () => {
  const gexf = toGexf(graph, 'cs-7');

  it('is well-formed GEXF 1.3 carrying the graph version', () => {
    expect(XMLValidator.validate(gexf)).toBe(true);
    const document = new XMLParser({ ignoreAttributes: false }).parse(gexf) as { gexf: { '@_version': string; meta: { description: string } } };
    expect(document.gexf['@_version']).toBe('1.3');
    expect(document.gexf.meta.description).toBe('graph version cs-7');
  });

  it('validates against the official GEXF 1.3 schema, as the CLI export does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-gexf-'));
    try {
      const file = path.join(dir, 'view.gexf');
      writeFileSync(file, gexf);
      expect(
        execFileSync('xmllint', ['--noout', '--schema', path.resolve(import.meta.dirname, '../fixtures/gexf/gexf.xsd'), file], { stdio: 'pipe' }).toString(),
      ).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is read by graphology-gexf with the names as labels and the types and attributes as columns', () => {
    const read = parseGexf(MultiDirectedGraph, gexf);
    expect(read.order).toBe(3);
    expect(read.size).toBe(2);
    expect(read.getNodeAttributes('bytedance')).toMatchObject({ label: 'ByteDance', type: 'Company', nameZh: '字节跳动', capex: 160 });
    expect(read.getNodeAttribute('h20', 'label')).toBe('Nvidia H20 <"China">');
    expect(read.getNodeAttribute('q&1', 'label')).toBe(WITHOUT_CONTROLS.replace('\r\n', ' ').replace('\t', ' '));
    const edge = read.edges('bytedance', 'h20')[0]!;
    expect(read.getEdgeAttributes(edge)).toMatchObject({ label: 'DEPENDS_ON', period: '2024' });
  });
});
