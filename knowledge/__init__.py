"""Law knowledge base: statutes, FAQ, segmentation, retrieval and chat answers."""
