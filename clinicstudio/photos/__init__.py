"""What a picture shows that could disclose a patient: text, faces, screens, paperwork, X-rays.

Everything runs on this computer. Text is read with RapidOCR (its models ship inside the
``rapidocr-onnxruntime`` wheel), faces are found with OpenCV's bundled detector, and screens,
documents and radiographs are named by simple measurements of the picture. When the optional
``photos`` extra is not installed, pictures are not read and the check says so.

>>> from clinicstudio.photos import PhotoInspector  # doctest: +SKIP
"""

from clinicstudio.photos.inspection import PhotoFacts, PhotoInspector, PhotoReport, reading_available

__all__ = ["PhotoFacts", "PhotoInspector", "PhotoReport", "reading_available"]
