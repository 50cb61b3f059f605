/** The 关于 subpackage's pages (`packages/about`): policies, version, 客服, and the not-found page. */
export const ABOUT_PAGES = {
  privacy: '/packages/about/pages/privacy/index',
  terms: '/packages/about/pages/terms/index',
  about: '/packages/about/pages/about/index',
  support: '/packages/about/pages/support/index',
  notFound: '/packages/about/pages/not-found/index',
} as const;
