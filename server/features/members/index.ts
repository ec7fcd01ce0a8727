export { default } from './members.routes';
