import { defineRefusals } from '../refusal.ts';

/** Refusals of managing grids and buildings. */
export const GRID_REFUSALS = defineRefusals({
  invalid: [
    'grid.name.invalid',
    'grid.code.invalid',
    'grid.gridWorkerId.invalid',
    'grid.partyLeaderId.invalid',
    'grid.buildingName.invalid',
    'grid.buildingNames.empty',
    'grid.buildingNames.tooMany',
    'grid.buildingNames.tooLong',
  ],
  notFound: ['grid.notFound'],
  conflict: ['grid.name.taken', 'grid.buildingName.taken'],
});
