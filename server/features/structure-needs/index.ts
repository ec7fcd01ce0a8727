export { default } from './structure-needs.routes';
