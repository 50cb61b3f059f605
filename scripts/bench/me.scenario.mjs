// GET /api/me for a signed-in staff member: auth (session lookup) + one person read + serialisation.
export default {
  name: 'me',
  title: 'GET /api/me (signed in)',
  /** Throughput target as a share of bare Fastify measured in the same run. */
  target: 0.5,
  async prepare({ signIn }) {
    const { token } = await signIn('staff');
    return { method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${token}` } };
  },
};
