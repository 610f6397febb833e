from rest_framework.permissions import DjangoModelPermissions, DjangoModelPermissionsOrAnonReadOnly


class PublicReadModelPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads (the viewset narrows what they see); writes need the model's Django permission."""


class StaffOnlyModelPermissions(DjangoModelPermissions):
    """Reading needs the model's view (or change) permission too: for records with no public side."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS") and request.user.is_authenticated:
            queryset = self._queryset(view)
            opts = queryset.model._meta
            change = f"{opts.app_label}.change_{opts.model_name}"
            if request.user.is_active and request.user.has_perm(change):
                return True
        return super().has_permission(request, view)
