/** The clock port: the domain asks it the time, so tests and the bench can run on a clock of their own. */
export interface Clock {
  now(): Date;
}
