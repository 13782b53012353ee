"""Reading and checking the sources into the frozen :class:`~generator.content.model.Site`, bodies converted.

Config, finding files, front matter, declared fields and schemas, dates, the
entity registry, Markdown and cross-references (with the body cache), then
:mod:`~generator.content.assemble`. Nothing here renders a page or writes output.
"""
