// Every table, one file per feature. A new feature adds one line here.
export * from './organisations';
export * from './members';
export * from './auth';
export * from './invitations';
export * from './groups';
export * from './documents';
export * from './document-publications';
export * from './threads';
export * from './events';
export * from './programmes';
export * from './programme-needs';
export * from './programme-evaluations';
export * from './home';
export * from './actions';
export * from './structure-needs';
export * from './review';
export * from './comments';
