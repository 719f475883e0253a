// The live player: hls.js or dash.js on one <video>, a rendition switcher, and the measured live latency.

export class LivePlayer {
  constructor(video, { renditionSelect, onStatus }) {
    this.video = video;
    this.renditionSelect = renditionSelect;
    this.onStatus = onStatus;
    this.hls = null;
    this.dash = null;
    renditionSelect.addEventListener("change", () => this.selectRendition(Number(renditionSelect.value)));
  }

  /** Starts playing `url` ("hls" or "dash"); replaces whatever played before. */
  load(format, url) {
    this.stop();
    this.format = format;
    if (format === "hls") {
      if (!window.Hls) return this.onStatus("hls.js is missing from vendor/: run ./livepeer again so it installs web packages.");
      if (!Hls.isSupported()) return this.onStatus("This browser cannot play HLS with Media Source Extensions.");
      this.hls = new Hls({ liveSyncDurationCount: 2, lowLatencyMode: false });
      this.hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => this.fillRenditions(data.levels.map((l) => this.label(l.width, l.height, l.bitrate))));
      this.hls.on(Hls.Events.ERROR, (_, data) => data.fatal && this.onStatus(`HLS error: ${data.details}`));
      this.hls.loadSource(url);
      this.hls.attachMedia(this.video);
    } else {
      if (!window.dashjs) return this.onStatus("dash.js is missing from vendor/: run ./livepeer again so it installs web packages.");
      this.dash = dashjs.MediaPlayer().create();
      this.dash.updateSettings({ streaming: { delay: { liveDelayFragmentCount: 2 } } });
      this.dash.on(dashjs.MediaPlayer.events.STREAM_INITIALIZED, () => {
        const reps = this.dash.getRepresentationsByType ? this.dash.getRepresentationsByType("video") : [];
        this.fillRenditions(reps.map((r) => this.label(r.width, r.height, r.bandwidth)));
      });
      this.dash.on(dashjs.MediaPlayer.events.ERROR, (e) => this.onStatus(`DASH error: ${e.error?.message ?? e.error}`));
      this.dash.initialize(this.video, url, true);
    }
    this.video.play().catch(() => {});
    this.onStatus("");
  }

  label(w, h, bps) {
    return `${w}x${h} ${Math.round((bps || 0) / 1000)}k`;
  }

  fillRenditions(labels) {
    this.renditionSelect.innerHTML = '<option value="-1">auto</option>' + labels.map((l, i) => `<option value="${i}">${l}</option>`).join("");
  }

  /** -1 = automatic (ABR); otherwise the index of a rendition. */
  selectRendition(index) {
    if (this.hls) {
      this.hls.currentLevel = index;
    } else if (this.dash) {
      this.dash.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: index < 0 } } } });
      if (index >= 0) {
        const reps = this.dash.getRepresentationsByType("video");
        if (reps[index]) this.dash.setRepresentationForTypeById("video", reps[index].id, true);
      }
    }
  }

  /** What plays now: rendition label, live latency in ms (null when unknown), and current time. */
  status() {
    let rendition = null;
    let latencyMs = null;
    if (this.hls) {
      const level = this.hls.levels?.[this.hls.currentLevel];
      if (level) rendition = this.label(level.width, level.height, level.bitrate);
      if (Number.isFinite(this.hls.latency)) latencyMs = this.hls.latency * 1000;
    } else if (this.dash) {
      const rep = this.dash.getCurrentRepresentationForType?.("video");
      if (rep) rendition = this.label(rep.width, rep.height, rep.bandwidth);
      const live = this.dash.getCurrentLiveLatency?.();
      if (Number.isFinite(live)) latencyMs = live * 1000;
    }
    return { rendition, latencyMs, currentTime: this.video.currentTime, levels: this.renditionSelect.options.length - 1 };
  }

  stop() {
    this.hls?.destroy();
    this.dash?.reset();
    this.hls = this.dash = null;
  }
}
