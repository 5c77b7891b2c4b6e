/**
 * Every test must assert something: a test whose body never reaches `expect` passes whatever the
 * code does. (Vitest setup file for the unit and integration projects.)
 */
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
