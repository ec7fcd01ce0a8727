import { createHash, randomBytes } from 'node:crypto';
import { eventOrganisers, eventRegistrations, eventRooms, eventSeats, eventSessions, eventSpeakers, eventTracks, eventVersions, events } from '../schema/index';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';
import type { AgendaSnapshot, Seat } from '../../shared/events.public.schema';
import type { ParticipantKind, SessionKind } from '../../shared/events.schema';
import { localToUtc } from '../../shared/events.time';

type Tx = Parameters<Parameters<SeedContext['db']['transaction']>[0]>[0];
const ZONE = 'Europe/Paris';
const DATE = '2027-03-25';
const at = (time: string) => new Date(localToUtc(DATE, time, ZONE));

const ROOMS = [['amphi', 'Amphithéâtre Claude-Bernard', 250], ['rhone', 'Salle Rhône', 30], ['saone', 'Salle Saône', 12], ['fourviere', 'Salle Fourvière', 20], ['hall', 'Hall d’exposition', null]] as const;
const TRACKS = [['mutualisation', 'Mutualisation', '#0b5f6a'], ['parcours', 'Parcours', '#b3470c'], ['patients', 'Patients partenaires', '#6a3d9a'], ['evaluation', 'Évaluation quadriennale', '#1e6b34']] as const;
const GUESTS = {
  vasseur: { name: 'Dr Hélène Vasseur', organisation: 'UTEP, centre hospitalier universitaire', bio: 'Médecin coordinatrice de l’unité transversale d’ETP.' },
  haddad: { name: 'Karim Haddad', organisation: 'Patient partenaire', bio: 'Vit avec une lombalgie chronique ; co-anime des séances collectives depuis 2022.' },
};

type Key = string;
const SESSIONS: Array<{ kind: SessionKind; title: string; from: string; to: string; room?: Key; track?: Key; speakers?: Key[]; moderators?: Key[]; capacity?: number; description?: string; group?: 'lombalgie' }> = [
  { kind: 'break', title: 'Accueil des participants et café', from: '08:30', to: '09:00', room: 'hall' },
  { kind: 'plenary', title: 'Ouverture : la coordination régionale ETP, missions et perspectives', from: '09:00', to: '09:30', room: 'amphi', track: 'mutualisation', speakers: ['coordinatrice', 'observateur'], description: 'Partage et harmonisation des pratiques, programmes types, appui aux évaluations : où en est le pôle régional de ressources ?' },
  { kind: 'panel', title: 'Table ronde : mutualiser un programme entre ville et hôpital', from: '09:30', to: '10:30', room: 'amphi', track: 'mutualisation', speakers: ['animatrice', 'medecin', 'vasseur'], moderators: ['coordinatrice'], group: 'lombalgie', description: 'Trois partenaires racontent comment ils ont mis en commun un programme, ses outils et ses intervenants.' },
  { kind: 'break', title: 'Pause', from: '10:30', to: '10:45' },
  { kind: 'workshop', title: 'Atelier A – Co-construire un programme avec des patients partenaires', from: '10:45', to: '12:15', room: 'saone', track: 'patients', speakers: ['association', 'haddad'], description: 'Recruter, former et reconnaître les patients partenaires ; leur place dans le bilan éducatif partagé et les séances collectives.' },
  { kind: 'workshop', title: 'Atelier B – Parcours : articuler ETP, soins de ville et médico-social', from: '10:45', to: '12:15', room: 'rhone', track: 'parcours', speakers: ['animatrice'], description: 'Construire le parcours d’une personne entre MSP, hôpital et structures médico-sociales du territoire.' },
  { kind: 'workshop', title: 'Atelier C – Préparer l’évaluation quadriennale', from: '10:45', to: '12:15', room: 'fourviere', track: 'evaluation', speakers: ['chercheuse'], capacity: 10, description: 'Des auto-évaluations annuelles au rapport quadriennal : indicateurs, calendrier, outils partagés.' },
  { kind: 'poster', title: 'Déjeuner et posters : expériences de terrain', from: '12:15', to: '13:30', room: 'hall' },
  { kind: 'plenary', title: 'Retour d’expérience : un programme lombalgie chronique co-construit à trois', from: '13:30', to: '14:30', room: 'amphi', track: 'mutualisation', speakers: ['medecin', 'animatrice', 'haddad'], description: 'Une plateforme ETP, une MSP et un centre de rééducation : ce qui a marché, ce qui reste à faire.' },
  { kind: 'workshop', title: 'Atelier D – Outils pour l’auto-évaluation annuelle', from: '14:30', to: '16:00', room: 'fourviere', track: 'evaluation', speakers: ['chercheuse'] },
  { kind: 'workshop', title: 'Atelier E – Maladies rares : mutualiser à l’échelle régionale', from: '14:30', to: '16:00', room: 'rhone', track: 'mutualisation', speakers: ['vasseur'], moderators: ['coordinatrice'] },
  { kind: 'break', title: 'Pause', from: '16:00', to: '16:15' },
  { kind: 'plenary', title: 'Synthèse des ateliers et clôture', from: '16:15', to: '17:00', room: 'amphi', speakers: ['coordinatrice', 'association'] },
];

const FIRST = ['Camille', 'Lucas', 'Léa', 'Hugo', 'Chloé', 'Nathan', 'Manon', 'Louis', 'Emma', 'Jules', 'Sarah', 'Paul', 'Inès', 'Théo', 'Lina', 'Adam', 'Jeanne', 'Yanis', 'Alice', 'Rayan'];
const LAST = ['Lefebvre', 'Girard', 'Mercier', 'Blanc', 'Guerin', 'Boyer', 'Garnier', 'Chevalier', 'Francois', 'Legrand', 'Gauthier', 'Perrin', 'Robin', 'Clement', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Fontaine'];
const ORGS = ['CH de Villefranche', 'MSP des Monts du Lyonnais', 'CPTS Lyon 8', 'Association France Rein', 'Réseau diabète Loire', 'Cabinet infirmier de Vienne'];

/** The regional day of the demo: published, registrations open, one workshop full with a waiting list; and a draft. */
export function seedEvents({ db }: SeedContext, world: DemoWorld): void {
  db.transaction((tx) => {
    const eventId = tx.insert(events).values({
      slug: 'journee-regionale-etp-2027', title: 'Journée régionale ETP 2027', venue: 'Centre de congrès de Lyon', address: '50 quai Charles-de-Gaulle, 69006 Lyon',
      description: 'La journée de réflexion régionale de la coordination ETP : partager les pratiques, mutualiser les programmes, donner toute leur place aux patients partenaires et préparer l’évaluation quadriennale.',
      timeZone: ZONE, days: [{ date: DATE, start: '08:30', end: '17:30' }], status: 'published', registrationOpen: true, createdBy: world.people.coordinatrice,
    }).returning({ id: events.id }).get().id;
    for (const userId of [world.people.coordinatrice, world.people.animatrice]) tx.insert(eventOrganisers).values({ eventId, userId }).run();
    const rooms = Object.fromEntries(ROOMS.map(([key, name, capacity], position) => [key, tx.insert(eventRooms).values({ eventId, name, capacity, position }).returning().get()]));
    const tracks = Object.fromEntries(TRACKS.map(([key, name, colour]) => [key, tx.insert(eventTracks).values({ eventId, name, colour }).returning().get()]));
    const speakers: Record<string, typeof eventSpeakers.$inferSelect> = {};
    for (const key of ['coordinatrice', 'observateur', 'animatrice', 'medecin', 'association', 'chercheuse'] as const) {
      const user = { coordinatrice: ['Claire Martin', 'Plateforme régionale ETP'], observateur: ['Julien Moreau', 'ARS – délégation du Rhône'], animatrice: ['Sophie Bernard', 'MSP des Pentes'], medecin: ['Dr Thomas Roux', 'Centre de rééducation Les Tilleuls'], association: ['Marie Dupont', 'Association Lombalgie & Mouvement'], chercheuse: ['Inès Garcia', 'Laboratoire de santé publique'] }[key];
      speakers[key] = tx.insert(eventSpeakers).values({ eventId, userId: world.people[key], name: user[0], organisation: user[1] }).returning().get();
    }
    for (const [key, guest] of Object.entries(GUESTS)) speakers[key] = tx.insert(eventSpeakers).values({ eventId, ...guest }).returning().get();

    const snapshot: AgendaSnapshot = {
      title: 'Journée régionale ETP 2027', slug: 'journee-regionale-etp-2027', description: '', venue: 'Centre de congrès de Lyon', address: '50 quai Charles-de-Gaulle, 69006 Lyon',
      timeZone: ZONE, days: [{ date: DATE, start: '08:30', end: '17:30' }],
      rooms: Object.values(rooms).map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
      tracks: Object.values(tracks).map((t) => ({ id: t.id, name: t.name, colour: t.colour })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      sessions: [],
    };
    const workshops: string[] = [];
    for (const s of SESSIONS) {
      const people = [...(s.speakers ?? []).map((k) => ({ speakerId: speakers[k].id, role: 'speaker' as const })), ...(s.moderators ?? []).map((k) => ({ speakerId: speakers[k].id, role: 'moderator' as const }))];
      const row = tx.insert(eventSessions).values({
        eventId, kind: s.kind, title: s.title, description: s.description ?? '', startsAt: at(s.from), endsAt: at(s.to),
        roomId: s.room ? rooms[s.room].id : null, trackId: s.track ? tracks[s.track].id : null, capacity: s.capacity ?? null, people,
        groupId: s.group ? world.groups[s.group] : null,
      }).returning().get();
      if (s.kind === 'workshop') workshops.push(row.id);
      snapshot.sessions.push({
        id: row.id, kind: row.kind, title: row.title, description: row.description, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(),
        roomId: row.roomId, trackId: row.trackId, sequence: 0, document: null,
        group: s.group ? { id: world.groups[s.group], name: 'Lombalgie chronique' } : null,
        speakers: people.map((p) => { const sp = Object.values(speakers).find((x) => x.id === p.speakerId)!; return { id: sp.id, name: sp.name, organisation: sp.organisation, bio: sp.bio, role: p.role }; }),
      });
    }
    snapshot.description = 'La journée de réflexion régionale de la coordination ETP : partager les pratiques, mutualiser les programmes, donner toute leur place aux patients partenaires et préparer l’évaluation quadriennale.';
    tx.insert(eventVersions).values({ eventId, version: 1, changes: [], snapshot, publishedBy: world.people.coordinatrice }).run();
    seedRegistrations(tx, eventId, workshops);
    seedDraft(tx, world);
  });
}

/** Atelier A full (12) with two people waiting, Atelier C nearly full (9 of 10), a few elsewhere. */
function seedRegistrations(tx: Tx, eventId: string, [a, b, c, d, e]: string[]) {
  const kinds: ParticipantKind[] = ['professional', 'professional', 'patient_or_association', 'professional', 'other'];
  for (let i = 0; i < 20; i++) {
    const id = tx.insert(eventRegistrations).values({
      eventId, name: `${FIRST[i]} ${LAST[i]}`, email: `${FIRST[i].toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${LAST[i].toLowerCase()}@exemple.fr`,
      organisation: ORGS[i % ORGS.length], participantKind: kinds[i % kinds.length],
      tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'), createdAt: new Date(Date.UTC(2027, 0, 10 + i)),
    }).returning({ id: eventRegistrations.id }).get().id;
    const seat = (sessionId: string, status: Seat['status']) => tx.insert(eventSeats).values({ registrationId: id, sessionId, status }).run();
    if (i < 14) seat(a, i < 12 ? 'confirmed' : 'waiting');
    else if (i < 17) seat(b, 'confirmed');
    if (i >= 11 && i < 20) seat(c, 'confirmed');
    if (i % 3 === 0) seat(d, 'confirmed');
    else if (i % 4 === 1) seat(e, 'confirmed');
  }
}

function seedDraft(tx: Tx, world: DemoWorld) {
  const eventId = tx.insert(events).values({
    slug: 'rencontre-coordinations-departementales-2027', title: 'Rencontre des coordinations départementales – automne 2027', venue: 'Maison des associations de Saint-Étienne',
    address: '4 rue André-Malraux, 42000 Saint-Étienne', timeZone: ZONE, days: [{ date: '2027-11-18', start: '09:30', end: '16:30' }], status: 'draft', createdBy: world.people.coordinatrice,
    description: 'Demi-journée de travail sur l’adéquation de l’offre et des besoins en ETP par département.',
  }).returning({ id: events.id }).get().id;
  tx.insert(eventOrganisers).values({ eventId, userId: world.people.coordinatrice }).run();
  const room = tx.insert(eventRooms).values({ eventId, name: 'Grande salle', capacity: 60 }).returning().get();
  const day = (time: string) => new Date(localToUtc('2027-11-18', time, ZONE));
  tx.insert(eventSessions).values({ eventId, kind: 'plenary', title: 'Offre et besoins d’ETP par département : premiers constats', startsAt: day('09:30'), endsAt: day('10:30'), roomId: room.id }).run();
  tx.insert(eventSessions).values({ eventId, kind: 'workshop', title: 'Cartographier les programmes de son territoire', startsAt: day('10:45'), endsAt: day('12:15'), roomId: room.id }).run();
}
