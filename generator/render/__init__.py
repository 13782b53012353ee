"""Pure functions from the frozen Site to output files: the theme, a module per kind of page, feeds, sitemap, exports, search.

Nothing here touches the disk outside the theme folder; the build decides what is written.
"""
