"""MkDocs' adapter: ``hook.py``, the one file ``mkdocs.yml`` lists under ``hooks:``.

It sits in a folder of its own because MkDocs puts a hook's folder first on ``sys.path``
while it loads the hook: next to ``sitebuild/markdown.py`` it would shadow the ``markdown``
package (and ``config``, ``pdf``, ``page``, ``wheel`` likewise).
"""
