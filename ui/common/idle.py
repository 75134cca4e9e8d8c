"""How long since the user last touched keyboard or mouse, asked of the platform.

Linux: GNOME's org.gnome.Mutter.IdleMonitor over D-Bus, the X11 screensaver extension
(libXss) when Qt runs on xcb, else KDE's org.freedesktop.ScreenSaver over D-Bus; Windows: GetLastInputInfo;
macOS: IOKit's HIDIdleTime. Each probe returns idle seconds, or None when it cannot tell;
``source`` names it for Settings. Reports are not trusted: app/log/away.py clamps them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable

UNAVAILABLE = "not available on this system"


class IdleProbe:
    """Asks the platform for the idle time; this base one cannot (``source`` says why)."""

    available = False

    def __init__(self, source: str = UNAVAILABLE) -> None:
        self.source = source

    def idle_seconds(self) -> float | None:
        """Return the seconds since the last input, or None when the platform cannot tell."""
        return None


class _CallProbe(IdleProbe):
    """A probe over one call returning seconds (or None); an error counts as no answer."""

    available = True

    def __init__(self, source: str, call: Callable[[], float | None]) -> None:
        super().__init__(source)
        self._call = call

    def idle_seconds(self) -> float | None:
        try:
            return self._call()
        except (OSError, ValueError, ArithmeticError):
            return None


def _dbus_call(service: str, path: str, interface: str, method: str,
               scale: float) -> Callable[[], float | None] | None:
    """Return a call of a D-Bus method answering a number (times ``scale`` gives seconds),
    or None when the session bus or the method is not there."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:
        return None
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    remote = QDBusInterface(service, path, interface, bus)
    remote.setTimeout(500)  # a hung session bus must not freeze the window

    def call() -> float | None:
        reply = remote.call(method)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return None
        value = reply.arguments()[0]
        return float(value) * scale if isinstance(value, int | float) else None

    return call if remote.isValid() and call() is not None else None


def _xss_call() -> Callable[[], float | None] | None:
    """Return XScreenSaverQueryInfo's idle time as a call, or None without X11 / libXss."""
    x11 = ctypes.util.find_library("X11")
    if not x11:
        return None
    try:
        xlib, xss = ctypes.CDLL(x11), ctypes.CDLL("libXss.so.1")
    except OSError:
        return None

    class XScreenSaverInfo(ctypes.Structure):
        _fields_ = [("window", ctypes.c_ulong), ("state", ctypes.c_int),
                    ("kind", ctypes.c_int), ("til_or_since", ctypes.c_ulong),
                    ("idle", ctypes.c_ulong), ("eventMask", ctypes.c_ulong)]

    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(XScreenSaverInfo)
    xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                          ctypes.POINTER(XScreenSaverInfo)]
    display = xlib.XOpenDisplay(None)  # kept open for the probe's life: one per process
    if not display:
        return None
    root = xlib.XDefaultRootWindow(display)
    info = xss.XScreenSaverAllocInfo()

    def call() -> float | None:
        if not xss.XScreenSaverQueryInfo(display, root, info):
            return None
        return info.contents.idle / 1000

    return call if call() is not None else None


def _windows_call() -> Callable[[], float | None]:
    """Return GetLastInputInfo's idle time as a call (Windows only)."""

    class LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    windll = ctypes.windll  # type: ignore[attr-defined]  # Windows only
    user32, kernel32 = windll.user32, windll.kernel32
    kernel32.GetTickCount.restype = ctypes.c_uint
    info = LastInputInfo(ctypes.sizeof(LastInputInfo), 0)

    def call() -> float | None:
        if not user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        # Both are 32-bit millisecond counters that wrap after 49.7 days.
        return ((kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000

    return call


def _mac_call() -> Callable[[], float | None] | None:
    """Return IOKit's HIDIdleTime (nanoseconds) as a call, or None when IOKit cannot say."""
    iokit = ctypes.CDLL("/System/Library/Frameworks/IOKit.framework/IOKit")
    cf = ctypes.CDLL("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation")
    iokit.IOServiceMatching.restype = ctypes.c_void_p
    iokit.IOServiceMatching.argtypes = [ctypes.c_char_p]
    iokit.IOServiceGetMatchingService.restype = ctypes.c_uint
    iokit.IOServiceGetMatchingService.argtypes = [ctypes.c_uint, ctypes.c_void_p]
    iokit.IORegistryEntryCreateCFProperty.restype = ctypes.c_void_p
    iokit.IORegistryEntryCreateCFProperty.argtypes = [ctypes.c_uint, ctypes.c_void_p,
                                                      ctypes.c_void_p, ctypes.c_uint]
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    # IOServiceGetMatchingService consumes the matching dictionary.
    service = iokit.IOServiceGetMatchingService(0, iokit.IOServiceMatching(b"IOHIDSystem"))
    if not service:
        return None
    key = cf.CFStringCreateWithCString(None, b"HIDIdleTime", 0x08000100)  # UTF-8
    sint64 = 4  # kCFNumberSInt64Type

    def call() -> float | None:
        number = iokit.IORegistryEntryCreateCFProperty(service, key, None, 0)
        if not number:
            return None
        nanoseconds = ctypes.c_int64()
        try:
            if not cf.CFNumberGetValue(number, sint64, ctypes.byref(nanoseconds)):
                return None
        finally:
            cf.CFRelease(number)
        return nanoseconds.value / 1e9

    return call if call() is not None else None


def detect_probe(platform_name: str) -> IdleProbe:
    """Return the first probe that answers on this system (Qt's ``platform_name``: 'xcb',
    'wayland', 'offscreen', …), or one saying that none does."""
    if platform_name in ("offscreen", "minimal"):
        return IdleProbe(f"{UNAVAILABLE} ({platform_name})")
    try:
        if sys.platform == "win32":
            return _CallProbe("Windows (GetLastInputInfo)", _windows_call())
        if sys.platform == "darwin":
            mac = _mac_call()
            return _CallProbe("macOS (IOKit HIDIdleTime)", mac) if mac else IdleProbe()
    except (OSError, AttributeError):
        return IdleProbe()
    mutter = _dbus_call("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                        "org.gnome.Mutter.IdleMonitor", "GetIdletime", 1 / 1000)
    if mutter:
        return _CallProbe("GNOME idle monitor (D-Bus)", mutter)
    if platform_name == "xcb":
        xss = _xss_call()
        if xss:
            return _CallProbe("X11 screensaver extension", xss)
    # KDE answers in milliseconds (the draft spec says seconds; GNOME does not answer at all).
    screensaver = _dbus_call("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                             "org.freedesktop.ScreenSaver", "GetSessionIdleTime", 1 / 1000)
    if screensaver:
        return _CallProbe("freedesktop screensaver (D-Bus)", screensaver)
    return IdleProbe(f"{UNAVAILABLE} ({platform_name})" if platform_name else UNAVAILABLE)


_probe: IdleProbe | None = None


def idle_probe() -> IdleProbe:
    """Return this process's idle probe, found on first use (tests replace it)."""
    global _probe
    if _probe is None:
        from PySide6.QtGui import QGuiApplication

        _probe = detect_probe(QGuiApplication.platformName())
    return _probe


def set_idle_probe(probe: IdleProbe | None) -> None:
    """Use ``probe`` from now on (None: find one again on next use)."""
    global _probe
    _probe = probe


def source_text(probe: IdleProbe) -> str:
    """Return the line Settings shows about where idle time comes from."""
    if probe.available:
        return f"Idle time comes from the {probe.source}."
    return "Idle time is not available on this system; only sleep is noticed."
