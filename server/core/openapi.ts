import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../shared/errors.schema';
import { useFrenchValidationMessages } from './validation-messages';

export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
  /** Left out of /api/openapi.json (`schema.hide`). */
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route as registered, so tests can check that none escapes the OpenAPI document. */
    apiRoutes: ApiRoute[];
  }
}

/** The zod schemas of shared/ validate requests, serialise replies and describe the API. */
export default fp(async function openapi(app: FastifyInstance) {
  useFrenchValidationMessages();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      apiRoutes.push({ method, url: route.url, public: route.config?.public === true, hidden: route.schema?.hide === true });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Maillage API',
        description: "API REST de Maillage, l'espace de travail des coordinations régionales d'ETP.",
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'maillage_session' } } },
      security: [{ session: [] }],
    },
    // Public routes say so (`security: []`), and every route documents the one error shape.
    transform: (document) => {
      const { schema, route } = document;
      if (!schema || schema.hide) return jsonSchemaTransform(document);
      const extra = route.config?.public ? { security: [] } : {};
      const response = { ...(schema.response as object | undefined), '4XX': apiErrorSchema, '5XX': apiErrorSchema };
      return jsonSchemaTransform({ ...document, schema: { ...schema, ...extra, response } });
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
});
