export * from './linear-algebra';
export * from './sigmoid';
export * from './logistic-model';
export * from './logistic-training';
export * from './percentile';
