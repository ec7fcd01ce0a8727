export { default } from './actions.routes';
