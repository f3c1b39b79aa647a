"""Harvesting council information systems over OParl 1.0/1.1 (docs/HARVEST.md).

``client`` (polite HTTP), ``walk`` (lists and paging), ``objects`` (reading real servers'
objects), ``files`` (a paper's texts), ``mapping`` (OParl objects to quads), ``state`` (what the
next run needs), ``options`` (what a run is asked), ``stores`` (where it writes), ``run`` (one
run), ``report`` (what it did).
"""

from __future__ import annotations

from pkgraph.harvest.options import HarvestOptions
from pkgraph.harvest.report import HarvestReport
from pkgraph.harvest.run import harvest_oparl

__all__ = ["HarvestOptions", "HarvestReport", "harvest_oparl"]
