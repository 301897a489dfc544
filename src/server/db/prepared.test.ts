import { describe, expect, it } from 'vitest';
import { prepareOnPostgres } from './database';

describe('prepareOnPostgres', () => {
  it('refuses a statement that selects *, whose plan a later migration would break on running instances', () => {
    expect(() => prepareOnPostgres('select * from "conversations" where "id" = $1')).toThrow(/must name its columns/);
    expect(() => prepareOnPostgres('select "c".* from "conversations" as "c"')).toThrow(/must name its columns/);
  });

  it('takes one that names its columns, count(*) included', () => {
    expect(() => prepareOnPostgres('select "id", "name" from "conversations" where "id" = $1')).not.toThrow();
    expect(() => prepareOnPostgres('select count(*) as n from "participants"')).not.toThrow();
  });
});
