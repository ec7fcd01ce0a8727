export { default } from './organisations.routes';
