export default function Popup() {
  return <p>Fair Recruit {process.env.PLASMO_PUBLIC_REGISTRY_URL}</p>;
}
