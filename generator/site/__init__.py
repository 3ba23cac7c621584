"""The site made from an `Archive`: every generated page as Markdown (or ready HTML), the search
index, the open-data files, the citation data and the offline zip. No MkDocs here.
"""
