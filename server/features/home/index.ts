export { default } from './home.routes';
