import { m001 } from './001_core';
import { m002 } from './002_strategies';
import { m003 } from './003_book';
import { m004 } from './004_hedges';
import { m005 } from './005_market';
import { m006 } from './006_operations';
import { m007 } from './007_order_journal';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * Runs with foreign-key enforcement off, as SQLite's procedure for rebuilding a table requires
   * (a DROP would otherwise cascade into the child rows); the keys are checked before commit.
   */
  foreignKeysOff?: boolean;
}

/** Numbered, append-only. Never edit a released migration: add the next one. */
export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007];
