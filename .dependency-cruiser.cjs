// Dependency rules (docs/architecture.md "Layers", docs/app-layout.md): imports point inward. Run by `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core-and-schemas',
      comment:
        'gateway/src/core holds pure rules and the alert lifecycle: it may import only itself and schemas/ ' +
        '(zod reaches it through schemas/). No node: builtins, no npm packages, no app or adapters.',
      severity: 'error',
      from: { path: '^gateway/src/core/' },
      // builtins are reported by core-no-builtins below
      to: { pathNot: '^(gateway/src/core|schemas)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'core-no-builtins',
      comment: 'gateway/src/core does no I/O: no node builtins (node:fs, node:crypto, ...).',
      severity: 'error',
      from: { path: '^gateway/src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'schemas-import-only-schemas-and-zod',
      comment: 'schemas/ is zod schemas and topic builders, no I/O: it may import only itself and zod.',
      severity: 'error',
      from: { path: '^schemas/' },
      to: { pathNot: '^(schemas/|node_modules/zod/)' },
    },
    {
      name: 'app-not-to-adapters',
      comment: 'Use cases talk to the outside through ports; adapters import app, never the other way.',
      severity: 'error',
      from: { path: '^gateway/src/app/' },
      to: { path: '^gateway/src/adapters/' },
    },
    {
      name: 'app-ports-only-interfaces',
      comment:
        'gateway/src/app/ports says what the use cases need from outside (store, live events, metrics, ...): it may ' +
        'import core and schemas, never a use case (docs/app-layout.md).',
      severity: 'error',
      from: { path: '^gateway/src/app/ports/' },
      to: { path: '^gateway/src/app/', pathNot: '^gateway/src/app/ports/' },
    },
    {
      name: 'app-outside-through-ports',
      comment:
        'Use cases reach the broker, the databases, HTTP, websockets, Prometheus and InfluxDB through ports: no ' +
        'imports of their client libraries in gateway/src/app.',
      severity: 'error',
      from: { path: '^gateway/src/app/' },
      to: { path: '^node_modules/(prom-client|aedes|mqtt|ws|fastify|@fastify|pg|better-sqlite3|@influxdata)/' },
    },
    {
      name: 'app-directories-below-use-cases',
      comment:
        'gateway/src/app/directories holds what the gateway knows in memory (elders, devices, regions, responders): ' +
        'everything may read it, it reads only ports, core and the shared app files.',
      severity: 'error',
      from: { path: '^gateway/src/app/directories/' },
      to: { path: '^gateway/src/app/(decisions|notifications|telemetry|alerts|tasks|registry|people|reports|activity|cluster|ingest)/' },
    },
    {
      name: 'app-decisions-below-use-cases',
      comment:
        'gateway/src/app/decisions carries out what the rules decide, for every use case: it may wake the ' +
        'notification outbox, never import a use case.',
      severity: 'error',
      from: { path: '^gateway/src/app/decisions/' },
      to: { path: '^gateway/src/app/(telemetry|alerts|tasks|registry|people|reports|activity|cluster|ingest)/' },
    },
    {
      name: 'app-use-cases-apart',
      comment:
        'Each use-case folder of gateway/src/app stands alone: what two of them share lives below them ' +
        '(decisions, directories, notifications, telemetry, ports, the shared files in app/).',
      severity: 'error',
      from: { path: '^gateway/src/app/(alerts|tasks|registry|people|reports|activity|cluster|ingest|calls|complaints|telephony|handover|ledger|visits|device-rejections|device-commands|device-lifecycle)/' },
      to: { path: '^gateway/src/app/(alerts|tasks|registry|people|reports|activity|cluster|ingest|calls|complaints|telephony|handover|ledger|visits|device-rejections|device-commands|device-lifecycle)/', pathNot: '^gateway/src/app/$1/' },
    },
    {
      name: 'app-reports-imported-by-no-use-case',
      comment: 'Reports read what the other use cases wrote; nothing on the ingest path or elsewhere in app/ depends on them.',
      severity: 'error',
      from: { path: '^gateway/src/app/', pathNot: '^gateway/src/app/reports/' },
      to: { path: '^gateway/src/app/reports/' },
    },
    {
      name: 'app-below-use-cases-stay-below',
      comment:
        'The lower rooms of gateway/src/app (notifications, telemetry) and its shared files (errors, access, views, ' +
        '...) never import a use case.',
      severity: 'error',
      from: { path: '^gateway/src/app/(notifications/|telemetry/|[^/]+[.]ts$)' },
      to: { path: '^gateway/src/app/(alerts|tasks|registry|people|reports|activity|cluster|ingest|calls|complaints|telephony|handover|ledger|visits|device-rejections|device-commands|device-lifecycle)/' },
    },
    {
      name: 'dashboard-model-imports-no-page',
      comment:
        'dashboard/src/model holds the books both pages keep (alerts, tasks, the status wall): it may import ' +
        'only itself, schemas/ and npm packages; what a page gives a book (its session, its REST calls) is handed in.',
      severity: 'error',
      from: { path: '^dashboard/src/model/' },
      to: { path: '^dashboard/src/(shared|desk|responder)/' },
    },
    {
      name: 'dashboard-shared-imports-neither-app',
      comment: 'dashboard/src/shared serves both pages: it may import model/, never the desk or the responder page.',
      severity: 'error',
      from: { path: '^dashboard/src/shared/' },
      to: { path: '^dashboard/src/(desk|responder)/' },
    },
    {
      name: 'dashboard-responder-not-to-desk',
      comment: 'The responder page is a page of its own: what it shares with the desk is in shared/ or model/.',
      severity: 'error',
      from: { path: '^dashboard/src/responder/' },
      to: { path: '^dashboard/src/desk/' },
    },
    {
      name: 'dashboard-desk-not-to-responder',
      comment: 'The duty desk is a page of its own: what it shares with the responder page is in shared/ or model/.',
      severity: 'error',
      from: { path: '^dashboard/src/desk/' },
      to: { path: '^dashboard/src/responder/' },
    },
    {
      name: 'dashboard-desk-state-not-to-views',
      comment:
        "dashboard/src/desk/state is the desk's state (signals, the live events, the desk's books): the views " +
        '(queue, wall, tasks, ...) import it, never the other way.',
      severity: 'error',
      from: { path: '^dashboard/src/desk/state/' },
      to: { path: '^dashboard/src/desk/', pathNot: '^dashboard/src/desk/state/' },
    },
    {
      name: 'dashboard-only-schemas-of-the-gateway',
      comment: 'The dashboard talks to the gateway over HTTP and the websocket: of the server side it imports only schemas/.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { path: '^(gateway|device-sim|bench|scripts|tests)/' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports hide the layering and break module initialisation order.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'device-sim-only-gateway-entry',
      comment:
        'The simulator is a client of the gateway. Only the demo starts the gateway in process, through ' +
        'server.ts, config.ts and logger.ts; nothing else of gateway/src.',
      severity: 'error',
      from: { path: '^device-sim/' },
      to: {
        path: '^gateway/src/',
        pathNot: '^gateway/src/(server|config|logger)\\.ts$',
      },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Every import must resolve; an unresolved one would slip past the rules above (and fail at run time).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: a layer must not even name another layer's types.
    tsPreCompilationDeps: true,
    // Resolves the NodeNext-style `./x.js` specifiers to the `./x.ts` sources.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
