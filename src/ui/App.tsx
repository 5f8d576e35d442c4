/** The gradflow app shell. */
export function App() {
  return (
    <main>
      <h1>gradflow</h1>
    </main>
  );
}
