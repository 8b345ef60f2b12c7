"""Responsive sizes of a media library image (easy-thumbnails), as plain data for the templates."""

from easy_thumbnails.files import get_thumbnailer

WIDTHS = (480, 800, 1200)


def responsive_image(image, widths=WIDTHS) -> dict | None:
    """src, srcset, width and height of `image` scaled to each of `widths` it is wider than."""
    if image is None or not image.width:
        return None
    thumbnailer = get_thumbnailer(image)
    candidates = [w for w in widths if w < image.width] or [image.width]
    sizes = []
    for width in candidates:
        thumb = thumbnailer.get_thumbnail({"size": (width, 0), "subject_location": image.subject_location})
        sizes.append((thumb.url, thumb.width, thumb.height))
    url, width, height = sizes[min(1, len(sizes) - 1)]
    return {
        "src": url,
        "srcset": ", ".join(f"{u} {w}w" for u, w, _h in sizes),
        "width": width,
        "height": height,
    }
