// The benchmark's Eleventy site: a page per article (src/articles/*.md), a page per entity
// listing its articles (src/entities.njk, paginated over the `entities` collection) and the
// home page listing every article by date, newest first (src/index.njk). Nothing else.
const slug = (text) => String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const newestFirst = (api) => api.getFilteredByGlob("src/articles/*.md").sort((a, b) => b.date - a.date);

module.exports = function (config) {
  config.addCollection("articles", newestFirst);
  config.addCollection("entities", (api) => {
    const byName = new Map();
    for (const article of newestFirst(api)) {
      for (const name of article.data.entities || []) {
        if (!byName.has(name)) byName.set(name, { name, slug: slug(name), articles: [] });
        byName.get(name).articles.push(article);
      }
    }
    return [...byName.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  });
  config.addFilter("slug", slug);
  config.addFilter("iso", (date) => date.toISOString().slice(0, 10));
  return { dir: { input: "src", includes: "_includes", output: "_site" }, markdownTemplateEngine: false };
};
