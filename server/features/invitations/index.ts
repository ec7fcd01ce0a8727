export { default } from './invitations.routes';
