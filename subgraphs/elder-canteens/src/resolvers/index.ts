import { scalarResolvers } from '@civic/shared';
import { Canteen, CanteenDiner, CanteenMeal } from './Canteen';
import { Elder } from './Elder';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  Date: scalarResolvers.Date,
  Query,
  Mutation,
  Region,
  Elder,
  Canteen,
  CanteenDiner,
  CanteenMeal,
};
