import { describe, expect, it } from 'vitest';
import { fillVariables, unknownVariables } from './replies';

describe('saved reply variables', () => {
  it('names each unknown variable once, and accepts spaces inside the braces', () => {
    expect(unknownVariables('{{customer.name}} {{ me.firstName }} {{foo}} {{foo}} {{record.total}}')).toEqual(['foo', 'record.total']);
    expect(unknownVariables('no variables, {single} braces and {{}}')).toEqual(['']);
    expect(unknownVariables('plain')).toEqual([]);
  });

  it('fills known variables and leaves those without a value as written, listed once in unfilled', () => {
    const values = { 'customer.name': 'Acme', 'record.number': null, 'me.firstName': '' };
    expect(fillVariables('{{customer.name}}: {{ record.number }}, {{record.number}}, {{me.firstName}}', values)).toEqual({
      body: 'Acme: {{ record.number }}, {{record.number}}, {{me.firstName}}',
      unfilled: ['record.number', 'me.firstName'],
    });
  });

  it('inserts a value as it is, even one that looks like a variable', () => {
    expect(fillVariables('Hi {{customer.name}}', { 'customer.name': '{{me.firstName}} & $1' })).toEqual({
      body: 'Hi {{me.firstName}} & $1',
      unfilled: [],
    });
  });
});
