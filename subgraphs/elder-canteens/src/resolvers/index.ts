import { scalarResolvers } from '@civic/shared';
import { Canteen, CanteenDiner, CanteenMeal } from './Canteen';
import { Elder } from './Elder';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Region } from './Region';

export const resolvers = {
  Date: scalarResolvers.Date,
  Query,
  Mutation,
  Region,
  Elder,
  Canteen,
  CanteenDiner,
  CanteenMeal,
};
